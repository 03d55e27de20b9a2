package org.osgix.tests;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;

/** Runs {@code tests/build-guests} (idempotent: only stale programs are compiled). */
final class GuestBuild {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private GuestBuild() {
    }

    static void run(SuiteLayout layout) throws IOException {
        RunResult build = new ProcessRunner().run(List.of("bash", layout.buildScript().toString()),
                new HashMap<>(System.getenv()), layout.testsDir(), BUILD_TIMEOUT);
        if (build.timedOut() || build.exitStatus() != 0) {
            throw new IllegalStateException("tests/build-guests failed (exit " + build.exitStatus()
                    + (build.timedOut() ? ", timed out" : "") + "):\n" + build.stdoutText() + build.stderrText());
        }
    }
}
