package org.osgix.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLayoutTest {

    @TempDir
    Path repo;

    private Path moduleDir() throws IOException {
        Path tests = Files.createDirectories(repo.resolve("tests"));
        Files.writeString(tests.resolve("manifest.txt"), "[s]\n");
        return tests;
    }

    @Test
    void rootFallsBackToTheParentOfTheModuleWhenTheConfiguredOneHasNoManifest() throws IOException {
        Path module = moduleDir();
        assertEquals(repo, SuiteLayout.findRoot(module.toString(), module));
        assertEquals(repo, SuiteLayout.findRoot(null, module));
        assertEquals(repo, SuiteLayout.findRoot(repo.toString(), repo.resolve("elsewhere")));
        assertThrows(IllegalStateException.class, () -> SuiteLayout.findRoot("/nonexistent", Path.of("/")));
    }

    @Test
    void defaultEmulatorIsTheLauncherJarRunByThisJava() {
        List<String> command = SuiteLayout.emulatorCommand(null, Path.of("/r"));
        assertEquals(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                "/r/bundles/launcher/target/osgix/osgix.jar"), command);
    }

    @Test
    void configuredEmulatorIsSplitOnWhitespace() {
        assertEquals(List.of("qemu-x86_64", "-d", "strace"), SuiteLayout.emulatorCommand("  qemu-x86_64  -d\tstrace ", Path.of("/r")));
    }

    @Test
    void missingEmulatorJarIsReportedOnce() throws IOException {
        SuiteLayout missing = new SuiteLayout(repo, List.of("java", "-jar", repo.resolve("none.jar").toString()), Optional.empty());
        IllegalStateException e = assertThrows(IllegalStateException.class, missing::requireEmulatorJars);
        assertTrue(e.getMessage().contains("none.jar"));
        Files.writeString(repo.resolve("some.jar"), "");
        new SuiteLayout(repo, List.of("java", "-jar", repo.resolve("some.jar").toString()), Optional.empty())
                .requireEmulatorJars();
    }

    @Test
    void filterMatchesAnywhereInTheDisplayName() {
        ManifestEntry entry = new ManifestParser().parse(List.of("[threads]", "mutex")).get(0);
        assertTrue(new SuiteLayout(repo, List.of("x"), Optional.of(Pattern.compile("mut"))).selected(entry));
        assertTrue(new SuiteLayout(repo, List.of("x"), Optional.of(Pattern.compile("^threads/"))).selected(entry));
        assertFalse(new SuiteLayout(repo, List.of("x"), Optional.of(Pattern.compile("^core/"))).selected(entry));
        assertTrue(new SuiteLayout(repo, List.of("x"), Optional.empty()).selected(entry));
    }
}
