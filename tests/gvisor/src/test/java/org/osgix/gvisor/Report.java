package org.osgix.gvisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes what a run found: {@code cases.tsv} (one row per case), {@code summary.txt} (one row per
 * program and the total) and {@code known-failures.proposed} (the failing counted cases with the
 * listed reasons kept, "TODO" for new ones: a starting point when updating the list).
 */
final class Report {
    private final List<ProgramResult> results = new ArrayList<>();

    synchronized void add(ProgramResult result) {
        results.add(result);
    }

    synchronized String summary(String list, List<String> osgixArgs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "gVisor syscall tests, list %s, osgix arguments %s%n", list,
            osgixArgs.isEmpty() ? "(none)" : String.join(" ", osgixArgs)));
        out.append(String.format(Locale.ROOT, "%-34s %6s %7s %6s %7s %6s %9s %9s%n", "program", "cases", "native",
            "osgix", "%", "known", "native s", "osgix s"));
        long counted = 0, passing = 0, cases = 0, known = 0;
        double nativeSeconds = 0, osgixSeconds = 0;
        for (ProgramResult r : results) {
            long k = r.cases().stream().filter(c -> r.verdict(c).equals("known")).count();
            out.append(String.format(Locale.ROOT, "%-34s %6d %7d %6d %7s %6d %9.1f %9.1f%n", r.program(), r.cases().size(),
                r.counted(), r.passing(), percent(r.passing(), r.counted()), k, seconds(r.nativeTime()),
                seconds(r.osgixTime())));
            counted += r.counted();
            passing += r.passing();
            cases += r.cases().size();
            known += k;
            nativeSeconds += seconds(r.nativeTime());
            osgixSeconds += seconds(r.osgixTime());
        }
        out.append(String.format(Locale.ROOT, "%-34s %6d %7d %6d %7s %6d %9.1f %9.1f%n", "total", cases, counted, passing,
            percent(passing, counted), known, nativeSeconds, osgixSeconds));
        out.append(String.format(Locale.ROOT, "%d cases pass natively; %d of them pass under osgix (%s)%n", counted,
            passing, percent(passing, counted)));
        return out.toString();
    }

    synchronized void write(Path dir, String summary) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.txt"), summary);
        List<String> rows = new ArrayList<>();
        rows.add("program\tcase\tnative\tosgix\tverdict\treason");
        List<String> proposed = new ArrayList<>();
        for (ProgramResult r : results) {
            for (String c : r.cases()) {
                String reason = r.known().reason(r.program(), c);
                String osgix = r.osgixRun().get(c).label() + (r.passedOnRetry().contains(c) ? " (on retry)" : "");
                rows.add(String.join("\t", r.program(), c, r.nativeRun().get(c).label(), osgix, r.verdict(c),
                    reason == null ? "" : reason));
                if (r.counts(c) && r.osgixRun().get(c) != CaseStatus.PASS) {
                    proposed.add(r.program() + " " + c + " " + (reason != null ? reason
                        : "TODO (osgix " + r.osgixRun().get(c).label() + ")"));
                }
            }
        }
        Files.write(dir.resolve("cases.tsv"), rows);
        Files.write(dir.resolve("known-failures.proposed"), proposed);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static double seconds(java.time.Duration d) {
        return d.toMillis() / 1000.0;
    }
}
