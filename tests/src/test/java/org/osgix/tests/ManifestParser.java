package org.osgix.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the test manifest (format documented at the top of {@code tests/manifest.txt}):
 * {@code [section]} headers, and test lines {@code PROGRAM ARGS… | OPTIONS…}.
 */
final class ManifestParser {

    private static final Pattern SECTION = Pattern.compile("\\[([A-Za-z0-9_.-]+)]");
    private static final Set<String> OPTIONS = Set.of("exit", "stdout~", "stderr~", "stderr", "native", "env", "timeout", "musl",
            "osgix");

    List<ManifestEntry> parse(List<String> lines) {
        List<ManifestEntry> entries = new ArrayList<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var header = SECTION.matcher(line);
            if (header.matches()) {
                section = header.group(1);
            } else if (line.startsWith("[")) {
                throw new ManifestSyntaxException(lineNumber, "bad section header " + line);
            } else if (section == null) {
                throw new ManifestSyntaxException(lineNumber, "test line before the first [section]");
            } else {
                entries.add(parseTest(section, line, lineNumber));
            }
        }
        return entries;
    }

    private ManifestEntry parseTest(String section, String line, int lineNumber) {
        List<QuotedTokens.Token> tokens;
        try {
            tokens = QuotedTokens.split(line);
        } catch (IllegalArgumentException e) {
            throw new ManifestSyntaxException(lineNumber, e.getMessage());
        }
        int separator = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).quoted() && tokens.get(i).text().equals("|")) {
                if (separator >= 0) {
                    throw new ManifestSyntaxException(lineNumber, "more than one '|'");
                }
                separator = i;
            }
        }
        int commandEnd = separator >= 0 ? separator : tokens.size();
        if (commandEnd == 0) {
            throw new ManifestSyntaxException(lineNumber, "no program before '|'");
        }
        String program = tokens.get(0).text();
        if (program.isEmpty()) {
            throw new ManifestSyntaxException(lineNumber, "empty program name");
        }
        List<String> arguments = tokens.subList(1, commandEnd).stream().map(QuotedTokens.Token::text).toList();
        List<String> options = separator >= 0
                ? tokens.subList(separator + 1, tokens.size()).stream().map(QuotedTokens.Token::text).toList()
                : List.of();
        return applyOptions(section, program, arguments, options, lineNumber);
    }

    private ManifestEntry applyOptions(String section, String program, List<String> arguments, List<String> options,
            int lineNumber) {
        OptionalInt exit = OptionalInt.empty();
        Optional<Pattern> stdout = Optional.empty();
        Optional<Pattern> stderr = Optional.empty();
        boolean runNative = true;
        boolean musl = true;
        boolean compareStderr = true;
        Duration timeout = ManifestEntry.DEFAULT_TIMEOUT;
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> emulatorArguments = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            String key = equals > 0 ? option.substring(0, equals) : option;
            if (equals <= 0 || !OPTIONS.contains(key)) {
                throw new ManifestSyntaxException(lineNumber, "unknown option " + option + " (known: " + OPTIONS + ")");
            }
            String value = option.substring(equals + 1);
            if (!key.equals("env") && !key.equals("osgix") && !seen.add(key)) {
                throw new ManifestSyntaxException(lineNumber, "option " + key + " given twice");
            }
            switch (key) {
                case "exit" -> exit = OptionalInt.of(exitStatus(value, lineNumber));
                case "stdout~" -> stdout = Optional.of(regex(value, lineNumber));
                case "stderr~" -> stderr = Optional.of(regex(value, lineNumber));
                case "native" -> runNative = runOrSkip(key, value, lineNumber);
                case "musl" -> musl = runOrSkip(key, value, lineNumber);
                case "stderr" -> compareStderr = stderrMode(value, lineNumber);
                case "timeout" -> timeout = Duration.ofSeconds(positiveSeconds(value, lineNumber));
                case "env" -> addVariable(environment, value, lineNumber);
                case "osgix" -> emulatorArguments.add(emulatorArgument(value, lineNumber));
                default -> throw new IllegalStateException(key);
            }
        }
        if (!runNative && exit.isEmpty()) {
            throw new ManifestSyntaxException(lineNumber, "native=skip needs exit=N: nothing else to compare with");
        }
        return new ManifestEntry(section, program, arguments, exit, stdout, stderr, runNative, environment, timeout,
                musl, emulatorArguments, lineNumber, compareStderr);
    }

    /** stderr=same (the default: byte-identical to native) or stderr=any (not compared). */
    private static boolean stderrMode(String value, int lineNumber) {
        return switch (value) {
            case "same" -> true;
            case "any" -> false;
            default -> throw new ManifestSyntaxException(lineNumber, "stderr= takes same or any, got " + value);
        };
    }

    private static int exitStatus(String value, int lineNumber) {
        try {
            int status = Integer.parseInt(value);
            if (status >= 0 && status <= 255) {
                return status;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ManifestSyntaxException(lineNumber, "exit status must be 0..255: " + value);
    }

    private static long positiveSeconds(String value, int lineNumber) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ManifestSyntaxException(lineNumber, "timeout must be a positive number of seconds: " + value);
    }

    private static Pattern regex(String value, int lineNumber) {
        try {
            return Pattern.compile(value, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new ManifestSyntaxException(lineNumber, "bad regex " + value + ": " + e.getDescription());
        }
    }

    private static boolean runOrSkip(String key, String value, int lineNumber) {
        return switch (value) {
            case "run" -> true;
            case "skip" -> false;
            default -> throw new ManifestSyntaxException(lineNumber, key + " must be run or skip: " + value);
        };
    }

    /** An extra emulator argument: an option, so the program stays the first non-option word. */
    private static String emulatorArgument(String value, int lineNumber) {
        if (!value.startsWith("-")) {
            throw new ManifestSyntaxException(lineNumber, "osgix= takes an emulator option (--name=value): " + value);
        }
        return value;
    }

    private static void addVariable(Map<String, String> environment, String value, int lineNumber) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new ManifestSyntaxException(lineNumber, "env needs NAME=VALUE: " + value);
        }
        environment.put(value.substring(0, equals), value.substring(equals + 1));
    }
}
