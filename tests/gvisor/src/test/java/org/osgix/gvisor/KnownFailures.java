package org.osgix.gvisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checked-in list of cases that pass natively and are known to fail under osgix, each with a
 * one-line reason. Line format: {@code PROGRAM CASE REASON...}; {@code #} starts a comment line.
 * A reason starting with {@code flaky:} marks a case whose outcome depends on timing: it may pass
 * or fail without failing the run. A reason starting with {@code excluded:} keeps the case from
 * running at all, natively too (it changes the machine, e.g. its host name).
 */
final class KnownFailures {
    private final Map<String, String> reasons = new LinkedHashMap<>();

    static KnownFailures read(Path file) throws IOException {
        KnownFailures known = new KnownFailures();
        int number = 0;
        for (String line : Files.readAllLines(file)) {
            number++;
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 3);
            if (parts.length < 3) {
                throw new IOException(file + ":" + number + ": want PROGRAM CASE REASON, got: " + line);
            }
            if (known.reasons.put(key(parts[0], parts[1]), parts[2]) != null) {
                throw new IOException(file + ":" + number + ": listed twice: " + parts[0] + " " + parts[1]);
            }
        }
        return known;
    }

    private static String key(String program, String testCase) {
        return program + " " + testCase;
    }

    /** The reason, or null when the case is not listed. */
    String reason(String program, String testCase) {
        return reasons.get(key(program, testCase));
    }

    static boolean isExcluded(String reason) {
        return reason != null && reason.startsWith("excluded:");
    }

    static boolean isFlaky(String reason) {
        return reason != null && reason.startsWith("flaky:");
    }

    /** The listed cases of {@code program} (to find entries naming cases the program no longer has). */
    Map<String, String> of(String program) {
        Map<String, String> out = new LinkedHashMap<>();
        reasons.forEach((k, v) -> {
            if (k.startsWith(program + " ")) {
                out.put(k.substring(program.length() + 1), v);
            }
        });
        return out;
    }
}
