package org.osgix.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void programAndArgumentsFollowTheOptions() throws Exception {
        Options o = Options.parse(new String[] {"--strace", "-E", "A=1", "/bin/echo", "-E", "x"});
        assertTrue(o.strace);
        assertEquals(List.of("/bin/echo", "-E", "x"), o.argv);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--bogus", "/bin/true"}));
    }

    @Test
    void missingProgramIsAUsageError() {
        assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--strace"}));
    }

    @Test
    void environmentKeepsOrderAndAppliesSetAndUnset() throws Exception {
        Options o = Options.parse(new String[] {"-U", "B", "-E", "A=9", "-E", "C=3", "prog"});
        assertEquals(List.of("A=9", "D=4", "C=3"), o.environment(List.of("A=1", "B=2", "D=4")));
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        Options o = Options.parse(new String[] {"--", "--strace"});
        assertEquals(List.of("--strace"), o.argv);
    }

    @Test
    void launchOptionsAreCollectedAndUnknownOnesRejected() throws Exception {
        Options o = Options.parse(new String[] {"--sysroot=/srv/root", "--poll=epoll", "prog"});
        assertEquals("/srv/root", o.launchOptions.get("sysroot"));
        assertEquals("epoll", o.launchOptions.get("poll"));
        assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--colour=red", "prog"}));
        assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--poll=", "prog"}));
    }

    @Test
    void malformedSetIsAUsageError() {
        assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"-E", "novalue", "prog"}));
    }

    @Test
    void syscallsAloneIsTheSupportTableCommand() throws Exception {
        assertEquals(Options.Command.SYSCALLS, Options.parse(new String[] {"syscalls"}).command);
        Options program = Options.parse(new String[] {"syscalls", "--all"});
        assertEquals(Options.Command.RUN, program.command);
        assertEquals(List.of("syscalls", "--all"), program.argv);
        assertEquals(List.of("./syscalls"), Options.parse(new String[] {"./syscalls"}).argv);
    }

    @Test
    void shellOptions() throws Exception {
        Options tty = Options.parse(new String[] {"--shell", "prog"});
        assertTrue(tty.shell);
        assertEquals(null, tty.shellInput);
        Options scripted = Options.parse(new String[] {"--shell-input=/tmp/cmds", "prog"});
        assertTrue(scripted.shell);
        assertEquals("/tmp/cmds", scripted.shellInput);
        assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--shell-input=", "prog"}));
    }

    @Test
    void compositionIsForTheScriptNotTheJar() {
        Options.UsageException e = assertThrows(Options.UsageException.class,
                () -> Options.parse(new String[] {"--composition=minimal", "prog"}));
        assertTrue(e.getMessage().contains("java -jar"), e.getMessage());
    }

    @Test
    void logAndStraceOutputAreAbsoluteFilesAndStraceOutputTurnsTracingOn() throws Exception {
        Options o = Options.parse(new String[] {"--log=osgix.log", "--strace-output=/tmp/trace", "prog"});
        assertEquals(java.nio.file.Path.of("osgix.log").toAbsolutePath().toString(), o.logFile);
        assertEquals("/tmp/trace", o.straceOutput);
        assertEquals(true, o.strace);
        assertEquals(List.of("prog"), o.argv);
        assertEquals(null, Options.parse(new String[] {"prog"}).logFile);
        assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--log=", "prog"}));
    }
}
