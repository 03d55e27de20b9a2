package org.osgix.sys.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.fd.OpenFile.O_APPEND;
import static org.osgix.fd.OpenFile.O_CLOEXEC;
import static org.osgix.fd.OpenFile.O_CREAT;
import static org.osgix.fd.OpenFile.O_LARGEFILE;
import static org.osgix.fd.OpenFile.O_NONBLOCK;
import static org.osgix.fd.OpenFile.O_PATH;
import static org.osgix.fd.OpenFile.O_RDONLY;
import static org.osgix.fd.OpenFile.O_RDWR;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;

/** close, dup, dup2, dup3 and fcntl. */
class DescriptorsTest extends FilesTestSupport {
    static final int F_GETPIPE_SZ = 1032;

    Path file;

    @BeforeEach
    void makeFile() throws IOException {
        file = Files.writeString(dir.resolve("f"), "0123456789");
    }

    @Test
    void dupSharesTheDescriptionAndItsOffset() {
        int fd = openOk(file, O_RDONLY);
        int copy = (int) guest.call("dup", fd);
        assertEquals(fd + 1, copy);
        assertSame(guest.file(fd), guest.file(copy));
        assertEquals(4, guest.host.lseek(guest.file(fd).hostFd(), 4, 0));
        assertEquals(4, guest.host.lseek(guest.file(copy).hostFd(), 0, 1));
        assertEquals(0, guest.call("close", fd));
        assertTrue(guest.file(copy).isOpen(), "the copy keeps the description open");
        assertEquals(-Errno.EBADF, guest.call("dup", fd));
    }

    @Test
    void dup2ReplacesTheTargetAndDup3ChecksItsArguments() {
        int a = openOk(file, O_RDONLY);
        int b = openOk(dir, O_RDONLY);
        assertEquals(b, guest.call("dup2", a, b));
        assertSame(guest.file(a), guest.file(b));
        assertEquals(a, guest.call("dup2", a, a));
        assertEquals(-Errno.EBADF, guest.call("dup2", 99, a));
        assertEquals(-Errno.EBADF, guest.call("dup2", a, -1));
        assertEquals(-Errno.EINVAL, guest.call("dup3", a, a, 0));
        assertEquals(-Errno.EINVAL, guest.call("dup3", 99, 99, 0));
        assertEquals(-Errno.EINVAL, guest.call("dup3", a, 50, O_NONBLOCK));
        assertEquals(50, guest.call("dup3", a, 50, O_CLOEXEC));
        assertTrue(guest.fds.get(50).cloexec());
        // descriptor numbers are unsigned ints: only the low 32 bits count
        assertEquals(51, guest.call("dup2", a, 0x1_0000_0000L + 51));
    }

    @Test
    void fcntlDuplicatesAtOrAboveTheMinimum() {
        int fd = openOk(file, O_RDONLY);
        assertEquals(10, guest.call("fcntl", fd, Host.F_DUPFD, 10));
        assertEquals(11, guest.call("fcntl", fd, Host.F_DUPFD_CLOEXEC, 10));
        assertTrue(guest.fds.get(11).cloexec());
        assertFalse(guest.fds.get(10).cloexec());
        assertEquals(-Errno.EINVAL, guest.call("fcntl", fd, Host.F_DUPFD, -1));
        assertEquals(-Errno.EINVAL, guest.call("fcntl", fd, Host.F_DUPFD, 1 << 30));
    }

    @Test
    void descriptorFlagsBelongToTheSlot() {
        int fd = openOk(file, O_RDONLY);
        int copy = (int) guest.call("dup", fd);
        assertEquals(0, guest.call("fcntl", fd, Host.F_GETFD, 0));
        assertEquals(0, guest.call("fcntl", fd, Host.F_SETFD, 7));
        assertEquals(1, guest.call("fcntl", fd, Host.F_GETFD, 0));
        assertEquals(0, guest.call("fcntl", copy, Host.F_GETFD, 0), "the dup's slot is unchanged");
    }

    @Test
    void statusFlagsAreSharedByDupsAndMirroredOnTheHostFd() {
        int fd = openOk(file, O_RDWR);
        int copy = (int) guest.call("dup", fd);
        // only the settable flags change: the access mode and O_CREAT are ignored, as on Linux
        assertEquals(0, guest.call("fcntl", fd, Host.F_SETFL, O_APPEND | O_NONBLOCK | O_RDONLY | O_CREAT));
        assertEquals(O_RDWR | O_LARGEFILE | O_APPEND | O_NONBLOCK, guest.call("fcntl", copy, Host.F_GETFL, 0));
        int hostFlags = guest.host.fcntl(guest.file(fd).hostFd(), Host.F_GETFL, 0);
        assertEquals(O_NONBLOCK | O_APPEND, hostFlags & (O_NONBLOCK | O_APPEND));
        assertEquals(0, guest.call("fcntl", copy, Host.F_SETFL, 0));
        assertEquals(0, guest.host.fcntl(guest.file(fd).hostFd(), Host.F_GETFL, 0) & O_NONBLOCK);
        assertEquals(O_RDWR | O_LARGEFILE, guest.call("fcntl", fd, Host.F_GETFL, 0));
    }

    @Test
    void pathDescriptorsAllowOnlyDescriptorCommands() {
        int fd = openOk(file, O_PATH);
        assertEquals(0, guest.call("fcntl", fd, Host.F_SETFD, 1));
        assertEquals(1, guest.call("fcntl", fd, Host.F_GETFD, 0));
        assertEquals(O_PATH, guest.call("fcntl", fd, Host.F_GETFL, 0));
        assertTrue(guest.call("fcntl", fd, Host.F_DUPFD, 0) >= 0);
        assertEquals(-Errno.EBADF, guest.call("fcntl", fd, Host.F_SETFL, O_APPEND));
        assertEquals(-Errno.EBADF, guest.call("fcntl", fd, F_GETPIPE_SZ, 0));
    }

    @Test
    void hostCommandsAndUnknownCommands() {
        long fds = guest.host.pipe2(O_CLOEXEC);
        int read = guest.install((int) (fds >>> 32), org.osgix.fd.FileKind.PIPE);
        guest.install((int) fds, org.osgix.fd.FileKind.PIPE);
        assertEquals(65536, guest.call("fcntl", read, F_GETPIPE_SZ, 0));
        int fd = openOk(file, O_RDONLY);
        assertEquals(-Errno.EBADF, guest.call("fcntl", fd, F_GETPIPE_SZ, 0), "not a pipe, as on Linux");
        assertEquals(-Errno.EINVAL, guest.call("fcntl", fd, 9999, 0));
        assertEquals(-Errno.EBADF, guest.call("fcntl", 99, Host.F_GETFD, 0));
    }

    @Test
    void recordLocksReachTheHostFd() {
        int fd = openOk(file, O_RDWR);
        long flock = guest.alloc(32);
        guest.memory.writeInt(flock, 1); // l_type F_WRLCK, l_whence SEEK_SET, whole file
        assertEquals(0, guest.call("fcntl", fd, Fcntl.F_SETLK, flock));
        assertEquals(0, guest.call("fcntl", fd, Fcntl.F_SETLKW, flock), "our own lock never blocks us");
        assertEquals(-Errno.EFAULT, guest.call("fcntl", fd, Fcntl.F_SETLK, unmapped()));
    }

    @Test
    void closedDescriptorsReleaseTheirHostFds() {
        int fd = openOk(file, O_RDONLY);
        int hostFd = guest.file(fd).hostFd();
        assertEquals(0, guest.call("close", fd));
        assertNull(guest.fds.get(fd));
        assertEquals(-Errno.EBADF, guest.host.fcntl(hostFd, Host.F_GETFD, 0));
    }
}
