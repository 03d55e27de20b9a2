package org.osgix.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * An exported composition (bundles/distribution/target/NAME.jar): bnd's layout, the bundles under
 * jar/ and the run properties in launcher.properties; the bundles are installed from the jar.
 */
final class ExportedComposition implements Composition {
    static final String LAUNCH_PROPERTIES = "launcher.properties";
    private static final String BUNDLES = "launch.bundles", LAUNCHER_KEYS = "launch.";

    private final Path jar;
    private final Properties launch = new Properties();

    ExportedComposition(Path jar) throws IOException {
        this.jar = jar;
        try (JarFile f = new JarFile(jar.toFile()); InputStream in = f.getInputStream(f.getEntry(LAUNCH_PROPERTIES))) {
            launch.load(in);
        }
    }

    @Override
    public Map<String, String> runProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        for (String key : launch.stringPropertyNames()) {
            if (!key.startsWith(LAUNCHER_KEYS)) {
                props.put(key, launch.getProperty(key));
            }
        }
        return props;
    }

    @Override
    public List<Bundle> install(BundleContext context) throws IOException, BundleException {
        List<Bundle> installed = new ArrayList<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (String path : launch.getProperty(BUNDLES, "").split(",")) {
                if (path.isBlank()) {
                    continue;
                }
                try (InputStream in = f.getInputStream(f.getEntry(path.trim()))) {
                    installed.add(context.installBundle(path.trim(), in));
                }
            }
        }
        return installed;
    }
}
