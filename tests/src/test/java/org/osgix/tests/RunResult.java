package org.osgix.tests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How one run of a program ended.
 *
 * @param exitStatus the status a shell would show: the exit code, or 128 + signal number
 * @param stdout     everything written to stdout (capped, see {@link ProcessRunner})
 * @param stderr     everything written to stderr (capped)
 * @param timedOut   the run hit its timeout and its process tree was killed
 * @param elapsed    wall-clock time from start to exit
 */
record RunResult(int exitStatus, byte[] stdout, byte[] stderr, boolean timedOut, Duration elapsed) {

    String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
