package org.osgix.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    private final ProcessRunner runner = new ProcessRunner();
    private final Path tmp = Path.of("/tmp");

    private RunResult sh(String script, Map<String, String> env, Duration timeout) throws Exception {
        return runner.run(List.of("/bin/sh", "-c", script), env, tmp, timeout);
    }

    @Test
    void capturesBothStreamsAndTheExitStatus() throws Exception {
        RunResult r = sh("echo out; echo err >&2; exit 3", Map.of(), Duration.ofSeconds(10));
        assertEquals(3, r.exitStatus());
        assertEquals("out\n", r.stdoutText());
        assertEquals("err\n", r.stderrText());
        assertFalse(r.timedOut());
    }

    @Test
    void deathBySignalIs128PlusTheSignal() throws Exception {
        assertEquals(128 + 9, sh("kill -9 $$", Map.of(), Duration.ofSeconds(10)).exitStatus());
    }

    @Test
    void environmentIsExactlyTheOneGivenAndStdinIsEmpty() throws Exception {
        RunResult r = runner.run(List.of("/usr/bin/env"), Map.of("A", "1"), tmp, Duration.ofSeconds(10));
        assertEquals("A=1\n", r.stdoutText());
        assertEquals("0\n", runner.run(List.of("/usr/bin/wc", "-c"), Map.of(), tmp, Duration.ofSeconds(10)).stdoutText());
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        long start = System.nanoTime();
        RunResult r = sh("sleep 300 & echo started; wait", Map.of("PATH", "/usr/bin:/bin"), Duration.ofMillis(500));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(r.timedOut());
        assertEquals("started\n", r.stdoutText(), "output before the kill is kept");
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").equals("sleep 300")),
                "the background sleep survived");
    }
}
