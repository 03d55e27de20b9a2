package org.osgix.kernel.internal;

import java.util.Map;
import java.util.TreeMap;
import org.osgix.engine.CpuEngine;

/**
 * The CPU engines of the running composition, by name. A launch names one ({@code --engine=NAME},
 * or the framework property {@code osgix.engine}); without a name the native engine runs where the
 * host supports it and Unicorn elsewhere. A named engine that is missing or cannot run here is an
 * error, never a silent fallback.
 */
final class Engines {
    static final String PREFERRED = "native", FALLBACK = "unicorn";

    private final Map<String, CpuEngine> byName = new TreeMap<>();
    private final String configured;

    /** {@code configured}: the framework's {@code osgix.engine} property, or null. */
    Engines(String configured) {
        this.configured = configured == null || configured.isBlank() ? null : configured.trim();
    }

    synchronized void add(CpuEngine engine) {
        byName.put(engine.name(), engine);
    }

    synchronized void remove(CpuEngine engine) {
        byName.values().remove(engine);
    }

    /** The engine a launch uses, or throws with a one-line reason. */
    synchronized CpuEngine choose(String requested) {
        String name = requested != null ? requested : configured;
        if (name != null) {
            CpuEngine engine = byName.get(name);
            if (engine == null) {
                throw new IllegalArgumentException("no CPU engine '" + name + "' in this composition (have: "
                        + String.join(", ", byName.keySet()) + ")");
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
        throw new IllegalArgumentException("no CPU engine can run here (have: " + String.join(", ", byName.keySet())
                + ")");
    }

    /** The name {@link #choose(String) choose(null)} picks, or null. */
    synchronized String defaultName() {
        try {
            return choose(null).name();
        } catch (IllegalArgumentException none) {
            return null;
        }
    }
}
