package org.osgix.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Collects native and emulated run times and writes a table, slowest emulated run first. */
final class TimingLog {

    private record Row(String test, Optional<Duration> nativeTime, Duration emulatedTime, boolean passed) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(ManifestEntry entry, DifferentialCheck.Outcome outcome) {
        rows.add(new Row(entry.displayName(), outcome.nativeRun().map(RunResult::elapsed),
                outcome.emulatedRun().elapsed(), outcome.passed()));
    }

    synchronized String summary() {
        Duration nativeTotal = rows.stream().map(r -> r.nativeTime().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
        Duration emulatedTotal = rows.stream().map(Row::emulatedTime).reduce(Duration.ZERO, Duration::plus);
        long passed = rows.stream().filter(Row::passed).count();
        return String.format("guest tests: %d run, %d passed, %d failed; native %.1f s, emulator %.1f s",
                rows.size(), passed, rows.size() - passed, nativeTotal.toMillis() / 1000.0, emulatedTotal.toMillis() / 1000.0);
    }

    synchronized void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        lines.add(String.format("%10s %10s  %-6s %s", "native ms", "osgix ms", "result", "test"));
        rows.stream().sorted(Comparator.comparing(Row::emulatedTime).reversed()).forEach(r -> lines.add(String.format(
                "%10s %10d  %-6s %s", r.nativeTime().map(d -> Long.toString(d.toMillis())).orElse("-"),
                r.emulatedTime().toMillis(), r.passed() ? "pass" : "FAIL", r.test())));
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
