package org.osgix.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgix.testkit.GuestPrograms;
import org.osgix.testkit.GuestResult;
import org.osgix.testkit.GuestRunner;

/**
 * The exported compositions (runnable jars with Felix, SCR and a set of bundles, built by
 * bundles/distribution) start from {@code java -jar} and run a guest to its exit status. No Pax
 * Exam here: the jar is the whole product.
 */
class CompositionJarIT {
    private static List<Path> compositions;
    private static String hello;
    private static String exitCode;

    @BeforeAll
    static void findCompositions() throws IOException {
        Path dir = Itest.root().resolve("bundles/distribution/target");
        compositions = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    if (isRunnable(jar)) {
                        compositions.add(jar);
                    }
                }
            }
        }
        hello = GuestPrograms.compile(Itest.root().resolve("tests/guest/hello.c")).toString();
        exitCode = GuestPrograms.compile(Itest.root().resolve("tests/guest/exit-code.c")).toString();
    }

    @Test
    void everyCompositionRunsAGuestFromJavaJar() {
        assertFalse(compositions.isEmpty(), "no exported composition jar (with a Main-Class) in "
                + "bundles/distribution/target: the reactor builds bundles/distribution before these tests");
        for (Path jar : compositions) {
            GuestResult r = javaJar(jar, hello);
            assertEquals(0, r.exitStatus(), jar + ": " + r);
            assertEquals("hello, world\n", r.stdout(), jar + ": " + r);
        }
    }

    @Test
    void everyCompositionReturnsTheGuestsExitStatus() {
        assertFalse(compositions.isEmpty(), "no exported composition jar in bundles/distribution/target");
        for (Path jar : compositions) {
            assertEquals(42, javaJar(jar, exitCode, "42").exitStatus(), jar.toString());
        }
    }

    private static GuestResult javaJar(Path jar, String... argv) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(argv));
        return new GuestRunner(null).timeout(java.time.Duration.ofSeconds(60)).runNative(command.toArray(new String[0]));
    }

    private static boolean isRunnable(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.getManifest() != null && f.getManifest().getMainAttributes().getValue("Main-Class") != null;
        }
    }
}
