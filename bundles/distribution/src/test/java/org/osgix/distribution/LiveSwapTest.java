package org.osgix.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A shell fed through a FIFO stops a family bundle while the guest runs and starts it again: the
 * guest sees ENOSYS for the family's syscalls in between, and service again afterwards.
 */
class LiveSwapTest {
    private static final Path TARGET = Path.of(System.getProperty("osgix.compositions", "target"));

    @Test
    void stoppingAFamilyBundleTurnsItsSyscallsIntoEnosysUntilItStartsAgain() throws Exception {
        Path guest = TARGET.resolve("getpid-loop");
        assumeTrue(new ProcessBuilder("gcc", "-O1", "-o", guest.toString(), "src/test/c/getpid-loop.c")
                .inheritIO().start().waitFor() == 0, "gcc is needed to build the guest");
        Path fifo = TARGET.resolve("shell-fifo");
        Files.deleteIfExists(fifo);
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo failed");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-XX:-MaxFDLimit", "-jar", TARGET.resolve("osgix-full.jar").toString(),
                "--shell-input=" + fifo, guest.toString(), "8")
                .redirectInput(new File("/dev/null")).redirectError(TARGET.resolve("live-swap.err").toFile()).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                OutputStream shell = Files.newOutputStream(fifo)) {
            lines.add(out.readLine()); // served: the family is there
            say(shell, "osgix:stop org.osgix.sys.info");
            lines.add(out.readLine()); // may still be the old answer if it raced the command
            lines.add(out.readLine());
            lines.add(out.readLine());
            say(shell, "osgix:start org.osgix.sys.info");
            for (String line; (line = out.readLine()) != null;) {
                lines.add(line);
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals("getpid: ok", lines.get(0), lines.toString());
        assertTrue(lines.subList(1, 4).contains("getpid: ENOSYS"), lines.toString());
        assertEquals("getpid: ok", lines.get(lines.size() - 1), lines.toString());
        assertEquals(8, lines.size(), lines.toString());
    }

    private static void say(OutputStream shell, String command) throws Exception {
        shell.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        shell.flush();
    }
}
