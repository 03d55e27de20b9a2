package org.osgix.sys.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.exec.ExecRequest;
import org.osgix.fd.table.internal.LinuxFdTableFactory;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.Guest;

/** What execve checks before it hands the program to the process, and what it hands over. */
class ExecveTest extends FilesTestSupport {
    private static final int O_RDONLY = 0, O_DIRECTORY = 0200000;

    /** A NULL-terminated array of guest strings. */
    private long vector(String... strings) {
        long array = guest.alloc(8L * (strings.length + 1));
        for (int i = 0; i < strings.length; i++) {
            guest.memory.writeLong(array + 8L * i, guest.string(strings[i]));
        }
        return array;
    }

    private long execve(String path, long argv, long envp) {
        return guest.call("execve", guest.string(path), argv, envp);
    }

    private Path program(String name, String permissions) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "not checked here\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        return p;
    }

    @Test
    void aProgramIsHandedOverWithItsStrings() throws Exception {
        Path p = program("prog", "rwxr-xr-x");
        assertEquals(0, execve(p.toString(), vector("a0", "two words", ""), vector("X=1")));
        ExecRequest r = guest.process.lastExec();
        assertEquals(p.toString(), r.path());
        assertEquals(p.toString(), r.hostPath());
        assertEquals(List.of("a0", "two words", ""), r.argv());
        assertEquals(List.of("X=1"), r.envp());
    }

    @Test
    void nullVectorsAreEmpty() throws Exception {
        Path p = program("prog", "rwxr-xr-x");
        assertEquals(0, execve(p.toString(), 0, 0));
        assertEquals(List.of(), guest.process.lastExec().argv());
        assertEquals(List.of(), guest.process.lastExec().envp());
    }

    @Test
    void errorsOfTheOpenComeFirst() throws Exception {
        program("noexec", "rw-r--r--");
        Files.createSymbolicLink(dir.resolve("link"), program("prog", "rwxr-xr-x"));
        long bad = unmapped();
        assertEquals(-Errno.ENOENT, execve(dir.resolve("missing").toString(), bad, 0));
        assertEquals(-Errno.EACCES, execve(dir.resolve("noexec").toString(), bad, 0));
        assertEquals(-Errno.EACCES, execve(dir.toString(), bad, 0));
        assertEquals(-Errno.ENOTDIR, execve(dir.resolve("prog/x").toString(), bad, 0));
        assertEquals(-Errno.ELOOP, guest.call("execveat", AT_FDCWD, guest.string(dir.resolve("link").toString()),
            vector("x"), 0, Host.AT_SYMLINK_NOFOLLOW));
        assertEquals(-Errno.EINVAL, guest.call("execveat", AT_FDCWD, guest.string("x"), 0, 0, 0x4));
        assertNull(guest.process.lastExec());
    }

    @Test
    void badVectorsAreEFAULTAndHugeOnesE2BIG() throws Exception {
        String p = program("prog", "rwxr-xr-x").toString();
        assertEquals(-Errno.EFAULT, execve(p, unmapped(), 0));
        assertEquals(-Errno.EFAULT, execve(p, vector("x"), unmapped()));
        long array = guest.alloc(24);
        guest.memory.writeLong(array, guest.string("x"));
        guest.memory.writeLong(array + 8, unmapped());
        assertEquals(-Errno.EFAULT, execve(p, array, 0));
        guest.close();
        Host host = new PosixHost();
        guest = new Guest(host, new LinuxFdTableFactory(host).newTable(1024), 48, EXECUTABLE, FilesFamily::register);
        long huge = guest.alloc(ExecStrings.MAX_STRING + 1);
        guest.memory.fill(huge, ExecStrings.MAX_STRING, (byte) 'h');
        long hugeArgv = guest.alloc(24);
        guest.memory.writeLong(hugeArgv, huge);
        assertEquals(-Errno.E2BIG, execve(p, hugeArgv, 0));
        assertNull(guest.process.lastExec());
    }

    @Test
    void aDirectoryDescriptorNamesTheProgramAsLinuxDoes() throws Exception {
        program("prog", "rwxr-xr-x");
        int dirFd = openOk(dir, O_RDONLY | O_DIRECTORY);
        assertEquals(0, guest.call("execveat", dirFd, guest.string("prog"), vector("p"), 0, 0));
        assertEquals("/dev/fd/" + dirFd + "/prog", guest.process.lastExec().path());
        assertTrue(guest.process.lastExecReadable(), guest.process.lastExec().hostPath());
        int fd = openOk(dir.resolve("prog"), O_RDONLY);
        assertEquals(0, guest.call("execveat", fd, guest.string(""), vector("p"), 0, Host.AT_EMPTY_PATH));
        assertEquals("/dev/fd/" + fd, guest.process.lastExec().path());
        assertTrue(guest.process.lastExecReadable(), guest.process.lastExec().hostPath());
    }
}
