package org.osgix.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential test driver: builds the guest programs, then turns every line of
 * {@code tests/manifest.txt} into a test that runs the program natively and under the
 * emulator ({@code -Dosgix.command}) and compares stdout, stderr and exit status. A per-test timing
 * table is written to {@code target/guest-timings.txt}.
 */
class GuestProgramsTest {

    private static final TimingLog TIMINGS = new TimingLog();

    @TestFactory
    Stream<DynamicNode> guestPrograms() throws IOException {
        SuiteLayout layout = SuiteLayout.fromSystemProperties();
        layout.requireEmulatorJars();
        GuestBuild.run(layout);
        List<ManifestEntry> entries = withEngineVariants(withMuslVariants(
                new ManifestParser().parse(Files.readAllLines(layout.manifest())), layout.buildDir()),
                System.getProperty("osgix.second.engine", "unicorn"),
                System.getProperty("osgix.second.engine.sections", "core"));
        DifferentialCheck check = new DifferentialCheck(layout, new ProcessRunner());

        Map<String, List<DynamicNode>> bySection = new LinkedHashMap<>();
        for (ManifestEntry entry : entries) {
            if (layout.selected(entry)) {
                bySection.computeIfAbsent(entry.section(), s -> new ArrayList<>())
                        .add(DynamicTest.dynamicTest(entry.displayName(), () -> verify(check, layout, entry)));
            }
        }
        return bySection.entrySet().stream()
                .map(section -> DynamicContainer.dynamicContainer(section.getKey(), section.getValue().stream()));
    }

    private static void verify(DifferentialCheck check, SuiteLayout layout, ManifestEntry entry) throws IOException {
        DifferentialCheck.Outcome outcome = check.run(entry);
        TIMINGS.add(entry, outcome);
        if (!outcome.passed()) {
            fail(DifferentialCheck.describe(entry, layout.emulatorCommand(), outcome));
        }
    }

    /**
     * The suite runs under the default engine; the sections listed (comma-separated, "all", or
     * "none") run again under {@code engine}, after everything else.
     */
    static List<ManifestEntry> withEngineVariants(List<ManifestEntry> entries, String engine, String sections) {
        List<String> wanted = List.of(sections.split(","));
        List<ManifestEntry> all = new ArrayList<>(entries);
        if (engine.isBlank() || sections.equals("none")) {
            return all;
        }
        for (ManifestEntry entry : entries) {
            if (!entry.namesEngine() && (sections.equals("all") || wanted.contains(entry.section()))) {
                all.add(entry.withEngine(engine));
            }
        }
        return all;
    }

    /** After each entry whose program has a musl build in {@code buildDir}, the same test for it. */
    static List<ManifestEntry> withMuslVariants(List<ManifestEntry> entries, Path buildDir) {
        List<ManifestEntry> all = new ArrayList<>();
        for (ManifestEntry entry : entries) {
            all.add(entry);
            String musl = entry.program() + ".musl";
            if (entry.muslVariant() && !entry.isHostProgram() && Files.isRegularFile(buildDir.resolve(musl))) {
                all.add(entry.withProgram(musl));
            }
        }
        return all;
    }

    @AfterAll
    static void writeTimings() throws IOException {
        TIMINGS.write(Path.of("target", "guest-timings.txt").toAbsolutePath());
        System.out.println(TIMINGS.summary() + " (table: target/guest-timings.txt)");
    }
}
