package org.osgix.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One test of the manifest: a program with its arguments and what its runs must satisfy.
 *
 * @param section        the manifest section the line is in
 * @param program        a name or relative path under the build directory, or an absolute host path
 * @param arguments      argv[1..]
 * @param expectedExit   the exit status both runs must have, if the line gives one
 * @param stdoutPattern  a regex stdout must contain a match of
 * @param stderrPattern  a regex the emulator's stderr must contain a match of
 * @param runNative      false for {@code native=skip}: only the emulator runs
 * @param environment    the exact guest environment; empty means the driver's default
 * @param timeout        per run
 * @param muslVariant    whether a {@code PROGRAM.musl} build, if present, is tested too
 * @param emulatorArguments extra emulator arguments before the program ({@code osgix=ARG}), e.g. --compat=...
 * @param line           1-based line number in the manifest, for messages
 * @param compareStderr  false for {@code stderr=any}: stderr is not compared with native
 */
record ManifestEntry(
        String section,
        String program,
        List<String> arguments,
        OptionalInt expectedExit,
        Optional<Pattern> stdoutPattern,
        Optional<Pattern> stderrPattern,
        boolean runNative,
        Map<String, String> environment,
        Duration timeout,
        boolean muslVariant,
        List<String> emulatorArguments,
        int line,
        boolean compareStderr) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    ManifestEntry {
        arguments = List.copyOf(arguments);
        emulatorArguments = List.copyOf(emulatorArguments);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    /** "section/program args…", quoted where needed: the test's display name and filter key. */
    String displayName() {
        String args = arguments.stream().map(QuotedTokens::display).collect(Collectors.joining(" "));
        return section + "/" + program + (args.isEmpty() ? "" : " " + args);
    }

    boolean isHostProgram() {
        return program.startsWith("/");
    }

    /** The file to execute: host programs as written, others under {@code buildDir}. */
    Path executable(Path buildDir) {
        return isHostProgram() ? Path.of(program) : buildDir.resolve(program);
    }

    /** The same test under another CPU engine: section "SECTION@ENGINE", {@code --engine=ENGINE} added. */
    ManifestEntry withEngine(String engine) {
        List<String> args = new java.util.ArrayList<>(emulatorArguments);
        args.add(0, "--engine=" + engine);
        return new ManifestEntry(section + "@" + engine, program, arguments, expectedExit, stdoutPattern, stderrPattern,
                runNative, environment, timeout, false, args, line, compareStderr);
    }

    boolean namesEngine() {
        return emulatorArguments.stream().anyMatch(a -> a.startsWith("--engine="));
    }

    /** The same test for another build of the program (e.g. its musl variant). */
    ManifestEntry withProgram(String otherProgram) {
        return new ManifestEntry(section, otherProgram, arguments, expectedExit, stdoutPattern, stderrPattern,
                runNative, environment, timeout, false, emulatorArguments, line, compareStderr);
    }
}
