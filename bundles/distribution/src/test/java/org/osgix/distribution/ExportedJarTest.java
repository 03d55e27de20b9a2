package org.osgix.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The exported jars start with osgix's boot, which runs where bnd's launcher cannot (Java 24+). */
class ExportedJarTest {
    private static final Path TARGET = Path.of(System.getProperty("osgix.compositions", "target"));
    private static final Path MINIMAL = TARGET.resolve("osgix-minimal.jar");

    @Test
    void theExportedJarBootsWithOsgixNotBnd() throws Exception {
        try (JarFile jar = new JarFile(MINIMAL.toFile())) {
            assertEquals(Repackage.MAIN, jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertNotNull(jar.getEntry("META-INF/services/org.osgi.framework.launch.FrameworkFactory"));
            assertNotNull(jar.getEntry("org/osgix/launcher/Main.class"));
            assertNotNull(jar.getEntry("launcher.properties"));
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("aQute/")
                    || e.getName().contains("biz.aQute.launcher") || e.getName().equals("module-info.class")));
        }
        assertFalse(Repackage.isBndExport(MINIMAL), "a second pass must leave it alone");
    }

    @Test
    void onlyTheLaunchersTopPackageIsBootCode() {
        assertTrue(Repackage.isBootClass("org/osgix/launcher/Main.class"));
        assertFalse(Repackage.isBootClass("org/osgix/launcher/internal/CommandLineApp.class"));
        assertFalse(Repackage.isBootClass("OSGI-INF/org.osgix.launcher.internal.CommandLineApp.xml"));
    }

    @Test
    void theMinimalJarRunsOnJava25() throws Exception {
        Optional<Path> java25 = newerJava();
        assumeTrue(java25.isPresent(), "no Java 24+ under /usr/lib/jvm");
        Run r = Run.with(java25.get().toString(), MINIMAL, "/bin/echo", "on", "java", "25");
        assertEquals("on java 25\n", r.stdout(), r.stderr());
        assertEquals(0, r.status());
    }

    private static Optional<Path> newerJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> d.getFileName().toString().matches(".*-(2[4-9]|[3-9]\\d)(-.*|$)"))
                    .map(d -> d.resolve("bin/java")).filter(Files::isExecutable).findFirst();
        }
    }
}
