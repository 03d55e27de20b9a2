package org.osgix.loader.elf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.exec.ExecException;
import org.osgix.exec.ExecRequest;
import org.osgix.syscall.Errno;

/**
 * execve's load: every error the old program must see comes before the point of no return, and
 * nothing is mapped before it.
 */
class PointOfNoReturnTest extends LoaderTestSupport {

    /** Loads with a point of no return that records how many mappings existed when it ran. */
    private List<Integer> loadRecording(IdentityAddressSpace space, String path, List<String> argv) throws ExecException {
        List<Integer> mappingsAtCommit = new ArrayList<>();
        loader.load(new ExecRequest(path, path, argv, ENV), space, () -> mappingsAtCommit.add(space.mappings().size()));
        return mappingsAtCommit;
    }

    private int failureBeforeCommit(String path, List<String> argv) {
        IdentityAddressSpace space = newSpace();
        List<Integer> commits = new ArrayList<>();
        int errno = assertThrows(ExecException.class, () -> loader.load(new ExecRequest(path, path, argv, ENV), space,
            () -> commits.add(1))).errno();
        assertEquals(List.of(), commits, "the point of no return must not be reached");
        assertEquals(0, space.mappings().size(), "nothing mapped");
        return errno;
    }

    @Test
    void aProgramCommitsOnceBeforeAnyMapping() throws Exception {
        Path program = TestPrograms.compile("static", TestPrograms.TINY_PROGRAM, "-static");
        IdentityAddressSpace space = newSpace();
        assertEquals(List.of(0), loadRecording(space, program.toString(), List.of("p")));
        assertTrue(space.mappings().size() > 0);
    }

    @Test
    void formatErrorsComeBeforeIt() throws Exception {
        assertEquals(Errno.ENOEXEC, failureBeforeCommit(TestPrograms.script("text2", "echo hi\n").toString(), List.of("x")));
        byte[] program = Files.readAllBytes(TestPrograms.compile("static", TestPrograms.TINY_PROGRAM, "-static"));
        program[18] = (byte) 183; // e_machine: EM_AARCH64
        program[19] = 0;
        Path arm = TestPrograms.executable("arm-machine", program);
        assertEquals(Errno.ENOEXEC, failureBeforeCommit(arm.toString(), List.of("x")));
        Path badInterpreter = TestPrograms.script("bad-interp", "#!/no/such/interpreter\n");
        assertEquals(Errno.ENOENT, failureBeforeCommit(badInterpreter.toString(), List.of("x")));
    }

    @Test
    void tooManyArgumentsComeBeforeIt() throws Exception {
        Path program = TestPrograms.compile("static", TestPrograms.TINY_PROGRAM, "-static");
        String big = String.join("", Collections.nCopies(100_000, "a"));
        assertEquals(Errno.E2BIG, failureBeforeCommit(program.toString(), Collections.nCopies(30, big)));
        assertEquals(Errno.E2BIG, failureBeforeCommit(program.toString(), List.of("x", big + big)));
    }
}
