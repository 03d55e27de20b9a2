package org.osgix.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exported compositions run guests; what a composition leaves out returns ENOSYS. */
class CompositionsTest {
    private static final Path TARGET = Path.of(System.getProperty("osgix.compositions", "target"));
    private static final Path FULL = TARGET.resolve("osgix-full.jar"), MINIMAL = TARGET.resolve("osgix-minimal.jar");
    private static Path pollProgram;

    @BeforeAll
    static void buildTheGuest() throws Exception {
        pollProgram = TARGET.resolve("poll-enosys");
        Process gcc = new ProcessBuilder("gcc", "-O1", "-o", pollProgram.toString(), "src/test/c/poll-enosys.c")
                .inheritIO().start();
        if (gcc.waitFor() != 0) {
            pollProgram = null;
        }
    }

    @Test
    void theMinimalJarRunsAProgram() throws Exception {
        Run r = Run.of(MINIMAL, "/bin/echo", "hi", "there");
        assertEquals("hi there\n", r.stdout(), r.stderr());
        assertEquals(0, r.status());
    }

    @Test
    void theGuestsExitStatusIsTheJarsStatus() throws Exception {
        assertEquals(3, Run.of(MINIMAL, "/bin/sh", "-c", "exit 3").status());
        Run missing = Run.of(MINIMAL, "/nonexistent/program");
        assertEquals(127, missing.status());
        assertTrue(missing.stderr().contains("No such file or directory"), missing.stderr());
    }

    @Test
    void aFamilyTheCompositionLacksReturnsEnosys() throws Exception {
        assumeTrue(pollProgram != null, "gcc is needed to build the guest");
        Run minimal = Run.of(MINIMAL, pollProgram.toString());
        assertEquals("poll: -1 ENOSYS\n", minimal.stdout(), minimal.stderr());
        Run full = Run.of(FULL, pollProgram.toString());
        assertEquals("poll: 0\n", full.stdout(), full.stderr());
    }

    @Test
    void theSupportTableShowsWhatEachCompositionServes() throws Exception {
        Run minimal = Run.of(MINIMAL, "syscalls");
        assertEquals(0, minimal.status(), minimal.stderr());
        assertTrue(row("epoll_create1", "enosys", "ENOSYS").matcher(minimal.stdout()).find(), minimal.stdout());
        assertTrue(row("openat", "\\w+", "org.osgix.sys.files").matcher(minimal.stdout()).find());
        Run full = Run.of(FULL, "syscalls");
        assertTrue(row("epoll_create1", "full", "org.osgix.sys.poll").matcher(full.stdout()).find(), full.stdout());
        assertTrue(row("recvmsg", "full", "org.osgix.sys.socket").matcher(full.stdout()).find(), full.stdout());
        assertTrue(row("recvmsg", "enosys", "ENOSYS").matcher(minimal.stdout()).find(), minimal.stdout());
        assertTrue(Pattern.compile("(?m)^\\d+ syscalls: \\d+ full, \\d+ partial, \\d+ enosys$")
                .matcher(full.stdout()).find());
    }

    /** A line of the support table; {@code support} is a regular expression. */
    private static Pattern row(String name, String support, String bundle) {
        return Pattern.compile("(?m)^\\d+ +" + Pattern.quote(name) + " +" + support + " +" + Pattern.quote(bundle));
    }

    @Test
    void straceDecodesTheGuestsSyscalls() throws Exception {
        Run r = Run.of(FULL, "--strace", "/bin/echo", "hello");
        assertEquals("hello\n", r.stdout());
        String err = r.stderr();
        assertTrue(Pattern.compile("(?m)^write\\(1, \"hello\\\\n\", 6\\) += 6$").matcher(err).find(), err);
        assertTrue(Pattern.compile("(?m)^openat\\(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY\\|O_CLOEXEC\\) = 3$")
                .matcher(err).find(), err);
        assertTrue(err.contains("exit_group(0)                           = ?\n+++ exited with 0 +++\n"), err);
    }

    @Test
    void straceInACompositionWithoutItSaysSo() throws Exception {
        Run r = Run.of(MINIMAL, "--strace", "/bin/true");
        assertEquals(0, r.status());
        assertTrue(r.stderr().contains("no org.osgix.strace bundle"), r.stderr());
    }

    @Test
    void aScriptedShellListsAndStopsBundlesWhileTheGuestRuns() throws Exception {
        Path commands = Files.createTempFile(TARGET, "shell", ".txt");
        Files.writeString(commands, "lb gogo\nosgix:syscalls\n");
        Run r = Run.of(FULL, "--shell-input=" + commands, "/bin/sleep", "2");
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stderr().contains("osgix> lb gogo"), r.stderr());
        assertTrue(Pattern.compile("Active .*Apache Felix Gogo Runtime").matcher(r.stderr()).find(), r.stderr());
        assertTrue(row("epoll_create1", "full", "org.osgix.sys.poll").matcher(r.stderr()).find(), r.stderr());
    }

    @Test
    void theShellNeedsGogoInTheComposition() throws Exception {
        Run r = Run.of(MINIMAL, "--shell-input=/dev/null", "/bin/true");
        assertEquals(125, r.status());
        assertTrue(r.stderr().contains("no Gogo shell"), r.stderr());
    }
}
