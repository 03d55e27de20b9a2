package org.osgix.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signals ignored by the process that starts ./osgix (nohup's SIGHUP, a shell's trap '') start
 * ignored in the guest, as in a program that process would start natively; the guest never
 * sees the emulator's own handlers.
 */
class InheritedSignalsTest {
    private static final String SHELL = "trap '' HUP USR1 PIPE; exec \"$@\"";

    @Test
    void ignoredSignalsAreInherited() throws IOException {
        SuiteLayout layout = SuiteLayout.fromSystemProperties();
        layout.requireEmulatorJars();
        GuestBuild.run(layout);
        String program = layout.buildDir().resolve("signal-inherit").toString();
        ProcessRunner runner = new ProcessRunner();
        Map<String, String> env = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LC_ALL", "C");
        RunResult natively = runner.run(List.of("bash", "-c", SHELL, "_", program), env,
                layout.buildDir(), Duration.ofSeconds(60));
        RunResult emulated = runner.run(List.of("bash", "-c", SHELL, "_", layout.root().resolve("osgix").toString(),
                program), env, layout.buildDir(), Duration.ofSeconds(120));
        assertTrue(natively.stdoutText().contains("signal 1 starts ignored\n"), natively.stdoutText());
        assertTrue(natively.stdoutText().contains("signal 13 starts ignored\n"), natively.stdoutText());
        assertEquals(natively.stdoutText(), emulated.stdoutText(), "stderr: " + new String(emulated.stderr()));
        assertEquals(natively.exitStatus(), emulated.exitStatus());
    }
}
