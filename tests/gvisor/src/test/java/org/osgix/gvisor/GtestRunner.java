package org.osgix.gvisor;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one gtest program case by case in as few processes as possible: one process runs every
 * remaining case (gtest's JSON report kept beside), and the runner follows gtest's progress lines
 * on stdout. A case that prints no result within the per-case timeout has its process tree
 * killed (TIMEOUT); a process that dies inside a case marks that case CRASH; either way a new
 * process resumes with the cases not yet run, each run with a fresh TEST_TMPDIR.
 */
final class GtestRunner {
    private static final String RUN = "[ RUN      ] ", OK = "[       OK ] ", FAILED = "[  FAILED  ] ",
        SKIPPED = "[  SKIPPED ] ";
    private static final String EOF = "\u0000eof";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final List<String> prefix;
    private final Duration caseTimeout;
    private final Path workDir;

    /**
     * @param prefix the command before the program (empty natively; the emulator otherwise)
     * @param workDir where scratch directories, JSON reports and stderr logs go
     */
    GtestRunner(List<String> prefix, Duration caseTimeout, Path workDir) {
        this.prefix = List.copyOf(prefix);
        this.caseTimeout = caseTimeout;
        this.workDir = workDir;
    }

    /** The program's cases, as --gtest_list_tests prints them (run natively: it is the same list). */
    static List<String> listCases(Path program) throws IOException {
        Process p = new ProcessBuilder(program.toString(), "--gtest_list_tests")
            .redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
        List<String> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String suite = null;
            for (String line; (line = in.readLine()) != null; ) {
                String name = line.replaceFirst("\\s+#.*$", "");
                if (name.startsWith("  ")) {
                    if (suite != null) {
                        cases.add(suite + name.trim());
                    }
                } else if (name.endsWith(".")) {
                    suite = name;
                }
            }
        }
        try {
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
        return cases;
    }

    /**
     * Runs {@code cases} of {@code program}; every case gets a status. {@code whole}: the cases are
     * all the program's cases (the first process then runs them unfiltered).
     */
    Map<String, CaseStatus> run(Path program, List<String> cases, boolean whole, String tag) throws IOException {
        Map<String, CaseStatus> results = new LinkedHashMap<>();
        Set<String> remaining = new LinkedHashSet<>(cases);
        for (int attempt = 0; !remaining.isEmpty(); attempt++) {
            Progress progress = runOnce(program, filter(cases, remaining, whole), tag + "." + attempt);
            results.putAll(progress.results);
            remaining.removeAll(progress.results.keySet());
            if (progress.current != null) {
                results.put(progress.current, progress.killed ? CaseStatus.TIMEOUT : CaseStatus.CRASH);
                remaining.remove(progress.current);
            } else if (!remaining.isEmpty()) {
                // no case was running when it ended: the rest can never run (e.g. death in set-up)
                CaseStatus status = progress.killed ? CaseStatus.TIMEOUT : CaseStatus.CRASH;
                remaining.forEach(c -> results.put(c, status));
                remaining.clear();
            }
        }
        Map<String, CaseStatus> ordered = new LinkedHashMap<>();
        cases.forEach(c -> ordered.put(c, results.get(c)));
        return ordered;
    }

    private record Progress(Map<String, CaseStatus> results, String current, boolean killed) {
    }

    private Progress runOnce(Path program, String filter, String tag) throws IOException {
        Path scratch = Files.createDirectories(workDir.resolve("tmp"));
        clean(scratch);
        // a session of its own, so a case signalling its process group (kill(0, ...)) never reaches
        // Maven or this JVM; a shell leads it and runs the program as its child, so the program is
        // no group leader and its own setsid() still works (pty cases)
        List<String> command = new ArrayList<>(Files.isExecutable(SETSID)
            ? List.of(SETSID.toString(), "/bin/sh", "-c", "\"$@\"; exit $?", "sh") : List.of());
        command.addAll(prefix);
        command.add(program.toString());
        command.add("--gtest_filter=" + filter);
        command.add("--gtest_output=json:" + workDir.resolve("json").resolve(tag + ".json"));
        Files.createDirectories(workDir.resolve("json"));
        Files.createDirectories(workDir.resolve("logs"));
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(scratch.toFile())
            .redirectInput(new File("/dev/null"))
            .redirectError(workDir.resolve("logs").resolve(tag + ".stderr").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("TEST_TMPDIR", scratch.toString());
        Process process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Path stdout = workDir.resolve("logs").resolve(tag + ".stdout");
        Thread reader = new Thread(() -> readLines(process, lines, stdout), "gtest-output");
        reader.setDaemon(true);
        reader.start();

        Map<String, CaseStatus> results = new LinkedHashMap<>();
        String current = null;
        boolean killed = false;
        long deadline = System.nanoTime() + caseTimeout.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    killed = true;
                    killTree(process);
                    break;
                }
                if (line == EOF) {
                    break;
                }
                if (line.startsWith(RUN)) {
                    current = caseName(line, RUN);
                    deadline = System.nanoTime() + caseTimeout.toNanos();
                    continue;
                }
                CaseStatus status = line.startsWith(OK) ? CaseStatus.PASS : line.startsWith(FAILED) ? CaseStatus.FAIL
                    : line.startsWith(SKIPPED) ? CaseStatus.SKIP : null;
                // gtest repeats FAILED/SKIPPED names in its closing summary; only the line ending the running case counts
                if (status != null && current != null && current.equals(caseName(line, line.substring(0, RUN.length())))) {
                    results.put(current, status);
                    current = null;
                    deadline = System.nanoTime() + caseTimeout.toNanos();
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            killTree(process);
        }
        return new Progress(results, current, killed);
    }

    /**
     * The remaining cases as a gtest filter. When {@code all} is every case of the program, "*" at
     * first, later the shorter of "the remaining cases" and "all but the finished ones".
     */
    private static String filter(List<String> all, Set<String> remaining, boolean whole) {
        String positive = String.join(":", remaining);
        if (!whole) {
            return positive;
        }
        if (remaining.size() == all.size()) {
            return "*";
        }
        List<String> done = all.stream().filter(c -> !remaining.contains(c)).toList();
        String negative = "-" + String.join(":", done);
        return positive.length() <= negative.length() ? positive : negative;
    }

    /** "[ RUN      ] Suite.Case" or "[  FAILED  ] Suite/Case.Name/0, where GetParam() = 1 (0 ms)". */
    private static String caseName(String line, String tag) {
        String rest = line.substring(tag.length());
        int end = rest.length();
        for (String stop : new String[] {" ", ","}) {
            int i = rest.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end);
    }

    /** Hands stdout to the runner line by line, and keeps a copy (the JSON report is lost with a killed process). */
    private static void readLines(Process process, BlockingQueue<String> lines, Path copy) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            java.io.Writer out = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.write(line);
                out.write('\n');
                out.flush();
                lines.add(line);
            }
        } catch (IOException e) {
            // the process was killed under us: its end is the end of the output
        } finally {
            lines.add(EOF);
        }
    }

    /** Kills the process and every descendant (taken before the parent dies and they are re-parented). */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Empties a scratch directory (a case may leave read-only directories: make them writable first). */
    static void clean(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                p.toFile().setWritable(true);
                if (!p.equals(dir)) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot clean " + p, e);
                    }
                }
            }
        }
    }
}
