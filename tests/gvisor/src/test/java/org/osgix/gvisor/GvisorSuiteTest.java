package org.osgix.gvisor;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * gVisor's syscall tests as an outside oracle. For each program of the list, every case runs
 * natively and under osgix ({@link GtestRunner}); a case counts when it passes natively, and the
 * program's test fails on a counted case failing that {@code known-failures.txt} does not list,
 * or on a listed case that passes. Properties (all optional):
 * <ul>
 * <li>{@code osgix.gvisor.list}: core (default), next, all, none, or programs separated by commas</li>
 * <li>{@code osgix.gvisor.args}: extra osgix arguments before the program (e.g. --engine=native)</li>
 * <li>{@code osgix.gvisor.corpus}: the folder with binaries.tar.xz, core.txt, next.txt (default
 * ROOT/../shared/gvisor-tests)</li>
 * <li>{@code osgix.gvisor.caseTimeout}: seconds a case may run under osgix (default 30; natively 60)</li>
 * <li>{@code osgix.gvisor.known}: the known-failures list (default tests/gvisor/known-failures.txt)</li>
 * <li>{@code osgix.command}: the emulator command (default this JVM's java -jar the launcher jar)</li>
 * <li>{@code osgix.gvisor.retry}: false runs no failing case a second time (e.g. for the next list)</li>
 * <li>{@code osgix.gvisor.out}: the output folder (default tests/gvisor/target/gvisor), so two lists can run at once</li>
 * </ul>
 * Output: summary.txt, cases.tsv, known-failures.proposed, JSON reports and logs.
 */
class GvisorSuiteTest {
    private static final Report REPORT = new Report();
    private static String list = "core";
    private static List<String> osgixArgs = List.of();

    @TestFactory
    Stream<DynamicTest> gvisorPrograms() throws IOException {
        Path root = findRoot();
        Path module = root.resolve("tests/gvisor");
        Path target = output();
        list = property("osgix.gvisor.list", "core");
        if (list.equals("none")) {
            return Stream.empty();
        }
        Path corpusDir = Path.of(property("osgix.gvisor.corpus", root.resolve("../shared/gvisor-tests").toString()))
            .toAbsolutePath().normalize();
        if (!Files.isRegularFile(corpusDir.resolve("binaries.tar.xz"))) {
            throw new IOException("no gVisor corpus at " + corpusDir + " (set -Dosgix.gvisor.corpus=DIR)");
        }
        Corpus corpus = new Corpus(corpusDir, module.resolve("target/corpus"));
        osgixArgs = words(property("osgix.gvisor.args", ""));
        KnownFailures known = KnownFailures.read(Path.of(property("osgix.gvisor.known",
            module.resolve("known-failures.txt").toString())));
        List<String> emulator = new ArrayList<>(emulatorCommand(root));
        emulator.addAll(osgixArgs);
        Duration caseTimeout = Duration.ofSeconds(Long.parseLong(property("osgix.gvisor.caseTimeout", "30")));
        GtestRunner nativeRunner = new GtestRunner(List.of(), Duration.ofSeconds(60), target.resolve("native"));
        GtestRunner osgixRunner = new GtestRunner(emulator, caseTimeout, target.resolve("osgix"));
        return corpus.programs(list).stream().map(program -> DynamicTest.dynamicTest(program,
            () -> check(corpus, program, nativeRunner, osgixRunner, known)));
    }

    private static void check(Corpus corpus, String program, GtestRunner nativeRunner, GtestRunner osgixRunner,
        KnownFailures known) throws IOException {
        Path binary = corpus.program(program);
        List<String> listed = GtestRunner.listCases(binary);
        List<String> cases = listed.stream().filter(c -> !KnownFailures.isExcluded(known.reason(program, c))).toList();
        boolean whole = cases.size() == listed.size();
        long start = System.nanoTime();
        Map<String, CaseStatus> nativeRun = nativeRunner.run(binary, cases, whole, program);
        Duration nativeTime = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        Map<String, CaseStatus> osgixRun = new LinkedHashMap<>(osgixRunner.run(binary, cases, whole, program));
        Set<String> retried = Boolean.parseBoolean(property("osgix.gvisor.retry", "true"))
            ? retryNewFailures(program, binary, cases, nativeRun, osgixRun, osgixRunner, known) : Set.of();
        Duration osgixTime = Duration.ofNanos(System.nanoTime() - start);
        ProgramResult result = new ProgramResult(program, cases, nativeRun, osgixRun, retried, nativeTime, osgixTime,
            known);
        REPORT.add(result);
        List<String> problems = result.problems();
        System.out.printf("%s: %d cases, %d pass natively, %d of them under osgix (%.1f s native, %.1f s osgix)%n",
            program, cases.size(), result.counted(), result.passing(), nativeTime.toMillis() / 1000.0,
            osgixTime.toMillis() / 1000.0);
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /**
     * A counted case that fails under osgix and is not listed runs once more on its own: a case
     * that depends on timing may fail on a loaded machine. The second answer is kept.
     */
    private static Set<String> retryNewFailures(String program, Path binary, List<String> cases,
        Map<String, CaseStatus> nativeRun, Map<String, CaseStatus> osgixRun, GtestRunner runner, KnownFailures known)
        throws IOException {
        Set<String> passed = new HashSet<>();
        for (String c : cases) {
            if (nativeRun.get(c) == CaseStatus.PASS && osgixRun.get(c) != CaseStatus.PASS
                && known.reason(program, c) == null) {
                CaseStatus again = runner.run(binary, List.of(c), false, program + ".retry").get(c);
                if (again == CaseStatus.PASS) {
                    osgixRun.put(c, again);
                    passed.add(c);
                }
            }
        }
        return passed;
    }

    @AfterAll
    static void writeReport() throws IOException {
        Path target = output();
        String summary = REPORT.summary(list, osgixArgs);
        REPORT.write(target, summary);
        System.out.print(summary);
        System.out.println("per-case table: " + target.resolve("cases.tsv"));
    }

    private static Path output() {
        return Path.of(property("osgix.gvisor.out", findRoot().resolve("tests/gvisor/target/gvisor").toString()))
            .toAbsolutePath();
    }

    private static String property(String name, String otherwise) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? otherwise : value.trim();
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    /** The project root: osgix.root when it holds tests/manifest.txt, else the nearest ancestor that does. */
    static Path findRoot() {
        String configured = System.getProperty("osgix.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "tests/manifest.txt"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tests/manifest.txt"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root (tests/manifest.txt)");
    }

    /** -Dosgix.command split on whitespace, else this JVM's java -jar the launcher jar. */
    private static List<String> emulatorCommand(Path root) {
        String configured = System.getProperty("osgix.command");
        if (configured != null && !configured.isBlank()) {
            return words(configured);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            root.resolve("bundles/launcher/target/osgix/osgix.jar").toString());
    }
}
