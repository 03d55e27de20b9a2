package org.osgix.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator log check: a handler that threw fails the test, a quiet log does not. */
class DifferentialCheckTest {
    @TempDir
    Path dir;

    @Test
    void aLogWithHandlerFailuresIsAProblem() throws IOException {
        Path log = dir.resolve("run.log");
        Files.writeString(log, "2026-01-01T00:00:00Z SEVERE org.osgix.kernel.internal.Dispatcher: handler of x failed\n"
                + "2026-01-01T00:00:00Z SEVERE org.osgix.launcher.internal.HandlerFailures: syscall handler failures: 2 (...)\n");
        String problem = DifferentialCheck.handlerFailures(log).orElseThrow();
        assertTrue(problem.contains("syscall handler failures: 2"), problem);
    }

    @Test
    void aQuietOrMissingLogIsNone() throws IOException {
        Path log = dir.resolve("quiet.log");
        Files.writeString(log, "2026-01-01T00:00:00Z WARNING org.osgix.sys.signal.internal.Delivery: signal 10 has a handler\n");
        assertEquals(java.util.Optional.empty(), DifferentialCheck.handlerFailures(log));
        assertEquals(java.util.Optional.empty(), DifferentialCheck.handlerFailures(dir.resolve("absent.log")));
    }

    @Test
    void theLaunchersFatalLinesAreNotTheGuestsStderr() {
        assertEquals("partial line\nguest says\n",
                DifferentialCheck.guestStderr("partial line\nosgix: guest killed by signal 11 (SEGV)\nguest says\n"));
        assertEquals("no osgix line", DifferentialCheck.guestStderr("no osgix line"));
        assertEquals("an osgix: inside a line\n", DifferentialCheck.guestStderr("an osgix: inside a line\n"));
    }
}
