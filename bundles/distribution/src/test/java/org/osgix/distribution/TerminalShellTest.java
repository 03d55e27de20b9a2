package org.osgix.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --shell} on a terminal: script(1) gives the run a pseudo-terminal; the shell reads it
 * (/dev/tty) while the guest runs, as a user at the keyboard would type.
 */
class TerminalShellTest {
    private static final Path FULL = Path.of(System.getProperty("osgix.compositions", "target"), "osgix-full.jar");

    @Test
    void theShellReadsTheTerminalWhileTheGuestRuns() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) is needed (bsdutils)");
        String java = ProcessHandle.current().info().command().orElse("java");
        String run = java + " -XX:-MaxFDLimit -jar " + FULL + " --shell /bin/sleep 10";
        Process p = new ProcessBuilder(List.of("/usr/bin/script", "-qec", run, "/dev/null"))
                .redirectErrorStream(true).start();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try (InputStream terminal = p.getInputStream(); OutputStream keyboard = p.getOutputStream()) {
            awaitText(terminal, seen, "osgix> ");
            keyboard.write("lb gogo\n".getBytes(StandardCharsets.US_ASCII));
            keyboard.flush();
            awaitText(terminal, seen, "Apache Felix Gogo Runtime");
            terminal.transferTo(seen);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String text = seen.toString(StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("Gogo shell on /dev/tty"), text);
        assertTrue(text.matches("(?s).*Active +\\| +1\\|Apache Felix Gogo Runtime.*"), text);
        assertEquals(0, p.exitValue(), text);
    }

    /** Reads the terminal until {@code text} shows up (or fails when the run ends first). */
    private static void awaitText(InputStream in, ByteArrayOutputStream seen, String text) throws Exception {
        byte[] buf = new byte[4096];
        while (!seen.toString(StandardCharsets.ISO_8859_1).contains(text)) {
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("the run ended before '" + text + "' appeared:\n" + seen);
            }
            seen.write(buf, 0, n);
        }
    }
}
