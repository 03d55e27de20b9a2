package org.osgix.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fds ./osgix inherits beyond 0–2 (GNU make's jobserver pipes, socket activation) are the
 * guest's at the same numbers, as a program the shell starts has them. Runs the osgix script
 * itself (it lists the inherited fds), natively and emulated, under the same shell redirections.
 */
class InheritedFdsTest {
    private static final String SHELL = "exec 5</etc/hostname 7>/dev/null 9<>/dev/null; exec \"$@\"";

    @Test
    void inheritedFdsAreTheGuestsAtTheSameNumbers() throws IOException {
        SuiteLayout layout = SuiteLayout.fromSystemProperties();
        layout.requireEmulatorJars();
        GuestBuild.run(layout);
        Path program = layout.buildDir().resolve("fd-inherit");
        ProcessRunner runner = new ProcessRunner();
        Map<String, String> env = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LC_ALL", "C");
        RunResult natively = runner.run(List.of("bash", "-c", SHELL, "_", program.toString()), env,
                layout.buildDir(), Duration.ofSeconds(60));
        RunResult emulated = runner.run(List.of("bash", "-c", SHELL, "_", layout.root().resolve("osgix").toString(),
                program.toString()), env, layout.buildDir(), Duration.ofSeconds(120));
        assertTrue(natively.stdoutText().contains("fd 5: cloexec 0, access 0, /etc/hostname"), natively.stdoutText());
        assertTrue(Files.exists(program));
        assertEquals(natively.stdoutText(), emulated.stdoutText(), "stderr: " + new String(emulated.stderr()));
        assertEquals(natively.exitStatus(), emulated.exitStatus());
    }
}
