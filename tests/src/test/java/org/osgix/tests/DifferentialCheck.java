package org.osgix.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one manifest entry natively and under the emulator and lists every way the runs
 * disagree with each other or with the entry's expectations.
 */
final class DifferentialCheck {

    /** What both runs produced; {@code nativeRun} is empty for {@code native=skip}. */
    record Outcome(Optional<RunResult> nativeRun, RunResult emulatedRun, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    private static final int SHOWN_CHARS = 3000;

    private final SuiteLayout layout;
    private final ProcessRunner runner;

    DifferentialCheck(SuiteLayout layout, ProcessRunner runner) {
        this.layout = layout;
        this.runner = runner;
    }

    Outcome run(ManifestEntry entry) throws IOException {
        Map<String, String> environment = entry.environment().isEmpty()
                ? SuiteLayout.DEFAULT_ENVIRONMENT : entry.environment();
        List<String> guestCommand = new ArrayList<>();
        guestCommand.add(entry.executable(layout.buildDir()).toString());
        guestCommand.addAll(entry.arguments());

        Optional<RunResult> nativeRun = Optional.empty();
        if (entry.runNative()) {
            nativeRun = Optional.of(runner.run(guestCommand, environment, layout.buildDir(), entry.timeout()));
        }
        List<String> emulatorCommand = new ArrayList<>(layout.emulatorCommand());
        Optional<Path> log = layout.emulatorLog(entry);
        log.ifPresent(file -> emulatorCommand.add("--log=" + file));
        emulatorCommand.addAll(entry.emulatorArguments());
        emulatorCommand.addAll(guestCommand);
        if (log.isPresent()) {
            Files.createDirectories(log.get().getParent());
            Files.deleteIfExists(log.get());
        }
        RunResult emulated = runner.run(emulatorCommand, environment, layout.buildDir(), entry.timeout());
        List<String> problems = problems(entry, nativeRun, emulated);
        if (log.isPresent()) {
            handlerFailures(log.get()).ifPresent(problems::add);
        }
        return new Outcome(nativeRun, emulated, problems);
    }

    /** The osgix launcher logs this line when a syscall handler threw (the guest saw EIO). */
    static final String HANDLER_FAILURES = "syscall handler failures:";

    /** A problem when the emulator's log says a handler threw: bad guest input must never get there. */
    static Optional<String> handlerFailures(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        return Files.readAllLines(log).stream().filter(l -> l.contains(HANDLER_FAILURES)).findFirst()
                .map(l -> "a syscall handler threw: " + l.substring(l.indexOf(HANDLER_FAILURES)) + " (log: " + log + ")");
    }

    private static List<String> problems(ManifestEntry entry, Optional<RunResult> nativeRun, RunResult emulated) {
        List<String> problems = new ArrayList<>();
        if (emulated.timedOut()) {
            problems.add("emulator timed out after " + entry.timeout().toSeconds() + " s (process tree killed)");
        }
        nativeRun.ifPresent(n -> {
            if (n.timedOut()) {
                problems.add("native run timed out after " + entry.timeout().toSeconds() + " s");
            }
            if (!Arrays.equals(n.stdout(), emulated.stdout())) {
                problems.add("stdout differs" + firstDifference(n.stdoutText(), emulated.stdoutText()));
            }
            if (entry.compareStderr() && !n.stderrText().equals(guestStderr(emulated.stderrText()))) {
                problems.add("stderr differs" + firstDifference(n.stderrText(), guestStderr(emulated.stderrText())));
            }
            if (n.exitStatus() != emulated.exitStatus()) {
                problems.add("exit status differs: native " + n.exitStatus() + ", emulator " + emulated.exitStatus());
            }
        });
        entry.expectedExit().ifPresent(expected -> {
            if (emulated.exitStatus() != expected) {
                problems.add("emulator exit status " + emulated.exitStatus() + ", manifest says exit=" + expected);
            }
            nativeRun.filter(n -> n.exitStatus() != expected).ifPresent(n -> problems.add(
                    "native exit status " + n.exitStatus() + ", manifest says exit=" + expected));
        });
        entry.stdoutPattern().ifPresent(p -> {
            if (!p.matcher(emulated.stdoutText()).find()) {
                problems.add("emulator stdout has no match for stdout~=" + p);
            }
            nativeRun.filter(n -> !p.matcher(n.stdoutText()).find()).ifPresent(n -> problems.add(
                    "native stdout has no match for stdout~=" + p));
        });
        entry.stderrPattern().filter(p -> !p.matcher(emulated.stderrText()).find()).ifPresent(p -> problems.add(
                "emulator stderr has no match for stderr~=" + p));
        return problems;
    }

    /**
     * The emulator's stderr without the launcher's own one-line fatal messages ("osgix: guest
     * killed by signal 11 ..."), which qemu-user prints too: what the guest itself wrote.
     */
    static String guestStderr(String stderr) {
        if (!stderr.contains("osgix: ")) {
            return stderr;
        }
        StringBuilder guest = new StringBuilder();
        for (String line : stderr.split("(?<=\n)")) {
            if (!line.startsWith("osgix: ")) {
                guest.append(line);
            }
        }
        return guest.toString();
    }

    /** " at line N" for the first line that differs, to point at the interesting spot. */
    private static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "<end>";
            String right = i < b.length ? b[i] : "<end>";
            if (!left.equals(right)) {
                return " at line " + (i + 1) + ": native [" + clip(left, 200) + "] vs emulator [" + clip(right, 200) + "]";
            }
        }
        return "";
    }

    /** The failure message: the problems, then both outputs and the emulator's stderr, truncated. */
    static String describe(ManifestEntry entry, List<String> emulatorCommand, Outcome outcome) {
        StringBuilder message = new StringBuilder();
        message.append(entry.displayName()).append(" (manifest line ").append(entry.line()).append(")\n");
        outcome.problems().forEach(p -> message.append("  - ").append(p).append('\n'));
        message.append("emulator: ").append(String.join(" ", emulatorCommand));
        entry.emulatorArguments().forEach(a -> message.append(' ').append(a));
        message.append('\n');
        outcome.nativeRun().ifPresent(n -> section(message, "native stdout (exit " + n.exitStatus() + ")", n.stdoutText()));
        RunResult emulated = outcome.emulatedRun();
        section(message, "emulator stdout (exit " + emulated.exitStatus() + ")", emulated.stdoutText());
        outcome.nativeRun().filter(n -> !n.stderrText().isEmpty())
                .ifPresent(n -> section(message, "native stderr", n.stderrText()));
        section(message, "emulator stderr", emulated.stderrText());
        return message.toString();
    }

    private static void section(StringBuilder message, String title, String text) {
        message.append("----- ").append(title).append(" -----\n").append(clip(text, SHOWN_CHARS));
        if (!text.isEmpty() && !text.endsWith("\n")) {
            message.append('\n');
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text
                : text.substring(0, max) + "\n... (" + (text.length() - max) + " more chars)";
    }
}
