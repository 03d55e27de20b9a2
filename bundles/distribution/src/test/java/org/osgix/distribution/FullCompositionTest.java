package org.osgix.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * ./osgix runs the default distribution (bundles/launcher/target/osgix: the launcher boots Felix
 * with bundle/ and shell/); it must hold exactly the bundles of the exported osgix-full.jar.
 */
class FullCompositionTest {
    private static final Path TARGET = Path.of(System.getProperty("osgix.compositions", "target"));
    private static final Path ROOT = Path.of(System.getProperty("osgix.root", "../.."));

    @Test
    void theDefaultDistributionIsTheFullComposition() throws Exception {
        Path dist = ROOT.resolve("bundles/launcher/target/osgix");
        assumeTrue(Files.isDirectory(dist.resolve("bundle")), "the launcher's distribution is not built");
        Set<String> defaultDist = new TreeSet<>();
        defaultDist.add(symbolicName(dist.resolve("osgix.jar")));
        for (String folder : new String[] {"bundle", "shell"}) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dist.resolve(folder), "*.jar")) {
                for (Path jar : jars) {
                    defaultDist.add(symbolicName(jar));
                }
            }
        }
        assertEquals(exportedBundles(TARGET.resolve("osgix-full.jar")), defaultDist,
                "bundles/launcher/pom.xml and bundles/distribution/osgix-full.bndrun disagree");
    }

    private static Set<String> exportedBundles(Path exported) throws IOException {
        Set<String> names = new TreeSet<>();
        try (JarFile jar = new JarFile(exported.toFile())) {
            Properties launch = new Properties();
            try (InputStream in = jar.getInputStream(jar.getEntry("launcher.properties"))) {
                launch.load(in);
            }
            for (String path : launch.getProperty("launch.bundles").split(",")) {
                try (JarInputStream bundle = new JarInputStream(jar.getInputStream(jar.getEntry(path.trim())))) {
                    names.add(symbolicName(bundle.getManifest()));
                }
            }
        }
        return names;
    }

    private static String symbolicName(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return symbolicName(f.getManifest());
        }
    }

    private static String symbolicName(Manifest m) {
        String bsn = m.getMainAttributes().getValue("Bundle-SymbolicName");
        return bsn == null ? "(not a bundle)" : bsn.split(";")[0].trim();
    }
}
