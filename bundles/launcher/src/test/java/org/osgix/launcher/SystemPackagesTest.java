package org.osgix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/** The system bundle exports the same packages, versions and uses with our list as with Felix's default. */
class SystemPackagesTest {
    @TempDir
    Path tmp;

    @Test
    void theListGivesTheSystemBundleExactlyFelixsDefaultExports() throws Exception {
        String list = SystemPackages.list();
        assertNotNull(list, "Felix's default.properties should be on the class path");
        TreeSet<String> byDefault = exports(Map.of(), tmp.resolve("default"));
        TreeSet<String> ours = exports(Map.of(Constants.FRAMEWORK_SYSTEMPACKAGES, list), tmp.resolve("ours"));
        assertEquals(byDefault, ours);
    }

    /** "package;version;uses" of every package the system bundle exports. */
    private static TreeSet<String> exports(Map<String, String> extra, Path storage) throws BundleException, IOException {
        Files.createDirectories(storage);
        Map<String, String> config = new HashMap<>(extra);
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.init();
        try {
            TreeSet<String> exports = new TreeSet<>();
            for (BundleCapability c : framework.adapt(BundleWiring.class).getCapabilities("osgi.wiring.package")) {
                exports.add(c.getAttributes().get("osgi.wiring.package") + ";" + c.getAttributes().get("version") + ";"
                        + c.getDirectives().get("uses"));
            }
            return exports;
        } finally {
            framework.stop();
        }
    }
}
