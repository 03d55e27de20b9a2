package org.osgix.sys.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.fd.OpenFile.O_DIRECTORY;
import static org.osgix.fd.OpenFile.O_PATH;
import static org.osgix.fd.OpenFile.O_RDONLY;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.test.support.Guest;

/** readlink(at) with the /proc/self specials, getcwd, chdir, fchdir, umask. */
class PathsTest extends FilesTestSupport {

    String readlink(String path, int size) {
        long buf = guest.alloc(Math.max(size, 1));
        long n = guest.call("readlink", guest.string(path), buf, size);
        assertTrue(n >= 0, "readlink " + path + ": " + n);
        return new String(guest.bytes(buf, (int) n), StandardCharsets.UTF_8);
    }

    @Test
    void procSelfExeIsTheGuestProgram() {
        assertEquals(EXECUTABLE, readlink("/proc/self/exe", 256));
        assertEquals(EXECUTABLE, readlink("/proc/" + Guest.PID + "/exe", 256));
        assertEquals("/us", readlink("/proc/self/exe", 3), "truncated, without a NUL");
        assertEquals(Integer.toString(Guest.PID), readlink("/proc/self", 64));
        assertEquals(-Errno.EINVAL, guest.call("readlink", guest.string("/proc/self/exe"), guest.alloc(8), 0));
        assertEquals(-Errno.EFAULT, guest.call("readlink", guest.string("/proc/self/exe"), unmapped(), 8));
    }

    @Test
    void procSelfFdNamesTheGuestDescriptorsFile() throws IOException {
        Path file = Files.writeString(dir.resolve("named"), "x");
        int fd = openOk(file, O_RDONLY);
        assertEquals(file.toString(), readlink("/proc/self/fd/" + fd, 4096));
        assertEquals(file.toString(), readlink("/dev/fd/" + fd, 4096));
        assertEquals(-Errno.ENOENT, guest.call("readlink", guest.string("/proc/self/fd/77"), guest.alloc(8), 8));
        long pipe = guest.host.pipe2(0x80000);
        int readEnd = guest.install((int) (pipe >>> 32), org.osgix.fd.FileKind.PIPE);
        guest.install((int) pipe, org.osgix.fd.FileKind.PIPE);
        assertTrue(readlink("/proc/self/fd/" + readEnd, 64).startsWith("pipe:["));
    }

    @Test
    void ordinaryLinksAreReadByTheHost() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("some/target"));
        assertEquals("some/target", readlink(link.toString(), 100));
        int dirFd = openOk(dir, O_PATH | O_DIRECTORY);
        long buf = guest.alloc(100);
        assertEquals(11, guest.call("readlinkat", dirFd, guest.string("link"), buf, 100));
        assertEquals(-Errno.EINVAL, guest.call("readlink", guest.string(dir.toString()), buf, 100));
        int linkFd = (int) guest.call("openat", dirFd, guest.string("link"), O_PATH | 0x20000, 0);
        assertEquals(11, guest.call("readlinkat", linkFd, guest.string(""), buf, 100),
            "an O_PATH|O_NOFOLLOW fd names the link itself");
    }

    @Test
    void getcwdReturnsTheLengthWithTheNulAndErangeWhenTooSmall() {
        String cwd = Path.of("").toAbsolutePath().toString();
        long buf = guest.alloc(4096);
        assertEquals(cwd.length() + 1, guest.call("getcwd", buf, 4096));
        assertEquals(cwd, guest.memory.readCString(buf, 4096));
        assertEquals(-Errno.ERANGE, guest.call("getcwd", buf, cwd.length()));
        assertEquals(-Errno.ERANGE, guest.call("getcwd", buf, 0));
        assertEquals(-Errno.EFAULT, guest.call("getcwd", unmapped(), 4096));
    }

    @Test
    void chdirAndFchdirMoveTheWorkingDirectory() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("here"), "x");
        int back = openOk(Path.of("").toAbsolutePath(), O_PATH | O_DIRECTORY);
        try {
            assertEquals(0, guest.call("chdir", guest.string(sub.toString())));
            assertTrue(open("here", O_RDONLY, 0) >= 0, "relative open after chdir");
            assertEquals(-Errno.ENOTDIR, guest.call("chdir", guest.string(sub.resolve("here").toString())));
            int file = open("here", O_RDONLY, 0);
            assertEquals(-Errno.ENOTDIR, guest.call("fchdir", file));
            assertEquals(-Errno.EBADF, guest.call("fchdir", 99));
        } finally {
            assertEquals(0, guest.call("fchdir", back), "fchdir on an O_PATH directory works");
        }
        assertEquals(-Errno.ENOENT, open("here", O_RDONLY, 0));
    }

    @Test
    void umaskIsTheHostProcessesAndKeepsOnlyPermissionBits() {
        int before = guest.host.umask(022);
        try {
            assertEquals(022, guest.call("umask", 0x10000000L | 027));
            assertEquals(027, guest.host.umask(027), "the host's umask changed with the guest's");
            assertEquals(027, guest.call("umask", 0777 | 01000));
            assertEquals(0777, guest.call("umask", 022));
        } finally {
            guest.host.umask(before);
        }
    }
}
