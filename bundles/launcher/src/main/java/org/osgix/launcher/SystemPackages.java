package org.osgix.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The packages the system bundle exports, as Felix 7 computes them by default (its OSGi API
 * packages, and every package the JVM's boot layer exports, versioned {@code 0.0.0.JavaSE_0NN}),
 * but built directly: Felix gets there through variable substitution over a long property text,
 * which costs ~30 ms of every start.
 */
final class SystemPackages {
    /** Felix's defaults, in the framework jar; {@code osgi-exports} lists its OSGi API packages. */
    private static final String FELIX_DEFAULTS = "default.properties", OSGI_EXPORTS = "osgi-exports";

    private SystemPackages() {
    }

    /** The list, or null when the framework is not the Felix this was written for. */
    static String list() {
        Properties defaults = new Properties();
        ClassLoader framework = SystemPackages.class.getClassLoader();
        try (InputStream in = framework.getResourceAsStream(FELIX_DEFAULTS)) {
            if (in == null) {
                return null;
            }
            defaults.load(in);
        } catch (IOException e) {
            return null;
        }
        String osgi = defaults.getProperty(OSGI_EXPORTS);
        if (osgi == null || osgi.contains("${")) {
            return null;
        }
        TreeSet<String> jre = new TreeSet<>();
        for (Module m : ModuleLayer.boot().modules()) {
            for (ModuleDescriptor.Exports e : m.getDescriptor().exports()) {
                if (!e.isQualified()) {
                    jre.add(e.source());
                }
            }
        }
        String version = ";version=\"0.0.0.JavaSE_" + String.format("%03d", Runtime.version().feature()) + "\"";
        StringBuilder list = new StringBuilder(osgi.strip());
        for (String p : jre) {
            list.append(',').append(p).append(version);
        }
        return list.toString();
    }
}
