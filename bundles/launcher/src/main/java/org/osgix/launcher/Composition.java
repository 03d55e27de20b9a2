package org.osgix.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * What Main boots: the framework's run properties and the bundles to install. Either the default
 * distribution's folder ({@link Distribution}) or an exported composition, the jar Main itself
 * runs from ({@link ExportedComposition}).
 */
interface Composition {
    /** Framework properties, also set as system properties (as bnd's -runproperties are). */
    Map<String, String> runProperties();

    /** Installs the bundles; returns the ones to start, in order. */
    List<Bundle> install(BundleContext context) throws IOException, BundleException;

    /** The composition Main was started with. */
    static Composition current() throws IOException {
        Path jar = Distribution.launcherJar();
        if (Files.isRegularFile(jar)) {
            try (JarFile f = new JarFile(jar.toFile())) {
                if (f.getEntry(ExportedComposition.LAUNCH_PROPERTIES) != null) {
                    return new ExportedComposition(jar);
                }
            }
        }
        return new Distribution(Distribution.home());
    }
}
