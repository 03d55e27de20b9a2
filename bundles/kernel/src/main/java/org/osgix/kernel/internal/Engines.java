package org.osgix.kernel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgix.engine.CpuEngine;

/**
 * The CPU engines of the running composition, by architecture and name. A launch runs an engine
 * of its program's architecture and may name one ({@code --engine=NAME}, or the framework
 * property {@code osgix.engine}); without a name the native engine runs where the host supports
 * it and Unicorn elsewhere. A named engine that is missing or cannot run here is an error, never
 * a silent fallback.
 */
final class Engines {
    static final String PREFERRED = "native", FALLBACK = "unicorn";

    private final List<CpuEngine> engines = new ArrayList<>();
    private final String configured;

    /** {@code configured}: the framework's {@code osgix.engine} property, or null. */
    Engines(String configured) {
        this.configured = configured == null || configured.isBlank() ? null : configured.trim();
    }

    synchronized void add(CpuEngine engine) {
        engines.add(engine);
    }

    synchronized void remove(CpuEngine engine) {
        engines.remove(engine);
    }

    /** The engine a launch of an {@code arch} program uses, or throws with a one-line reason. */
    synchronized CpuEngine choose(String requested, String arch) {
        Map<String, CpuEngine> byName = new TreeMap<>();
        for (CpuEngine engine : engines) {
            if (engine.arch().equals(arch)) {
                byName.putIfAbsent(engine.name(), engine);
            }
        }
        String name = requested != null ? requested : configured;
        if (name != null) {
            CpuEngine engine = byName.get(name);
            if (engine == null) {
                throw new IllegalArgumentException("no CPU engine '" + name + "' for " + arch
                        + " in this composition (have: " + String.join(", ", byName.keySet()) + ")");
            }
            String why = engine.unavailableReason();
            if (why != null) {
                throw new IllegalArgumentException("the " + name + " engine cannot run here: " + why);
            }
            return engine;
        }
        for (String candidate : new String[] {PREFERRED, FALLBACK}) {
            CpuEngine engine = byName.get(candidate);
            if (engine != null && engine.unavailableReason() == null) {
                return engine;
            }
        }
        for (CpuEngine engine : byName.values()) {
            if (engine.unavailableReason() == null) {
                return engine;
            }
        }
        throw new IllegalArgumentException("no CPU engine for " + arch + " can run here (have: "
                + String.join(", ", byName.keySet()) + ")");
    }

    /** The name {@link #choose choose(null, arch)} picks, or null. */
    synchronized String defaultName(String arch) {
        try {
            return choose(null, arch).name();
        } catch (IllegalArgumentException none) {
            return null;
        }
    }
}
