package org.osgix.sys.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.fd.OpenFile.O_CREAT;
import static org.osgix.fd.OpenFile.O_DIRECTORY;
import static org.osgix.fd.OpenFile.O_RDONLY;
import static org.osgix.fd.OpenFile.O_WRONLY;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;

/** --sysroot: guest absolute paths live inside the root and cannot leave it. */
class SysrootTest extends FilesTestSupport {
    Path root;
    String hostCwd;

    @BeforeEach
    void makeRoot() throws Exception {
        root = Files.createDirectories(dir.resolve("root/etc"));
        root = dir.resolve("root");
        Files.writeString(root.resolve("etc/hostname"), "guest-host");
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../../../../etc/hostname"));
        guest.process.setOption("sysroot", root.toString() + "/");
        hostCwd = Path.of("").toAbsolutePath().toString();
    }

    @AfterEach
    void restoreCwd() {
        guest.host.chdir(GuestPaths.toHost(hostCwd));
    }

    String read(String guestPath) {
        int fd = open(guestPath, O_RDONLY, 0);
        if (fd < 0) {
            return "errno " + -fd;
        }
        long buf = guest.alloc(64);
        long n = guest.host.read(guest.file(fd).hostFd(), buf, 64);
        return new String(guest.bytes(buf, (int) n), StandardCharsets.UTF_8);
    }

    @Test
    void absolutePathsDotDotAndSymlinksStayInside() {
        assertEquals("guest-host", read("/etc/hostname"));
        assertEquals("guest-host", read("/../../../etc/hostname"));
        assertEquals("guest-host", read("/abs"), "an absolute link target is inside the root");
        assertEquals("guest-host", read("/up"), "a relative link cannot climb out");
        assertEquals("errno " + Errno.ENOENT, read("/etc/passwd"), "the host's /etc is not there");
        long stat = statBuffer();
        assertEquals(0, guest.call("stat", guest.string("/abs"), stat));
        assertEquals(10, guest.memory.readLong(stat + ST_SIZE));
        assertEquals(0, guest.call("lstat", guest.string("/abs"), stat));
        assertEquals(0120000, guest.memory.readInt(stat + ST_MODE) & 0170000, "lstat sees the link itself");
        assertEquals(0, guest.call("access", guest.string("/proc/self/status"), 4), "/proc is the host's");
    }

    @Test
    void creationsRenamesAndRemovalsHappenInsideTheRoot() {
        assertEquals(0, guest.call("mkdir", guest.string("/made"), 0755));
        assertTrue(Files.isDirectory(root.resolve("made")));
        int fd = open("/made/f", O_CREAT | O_WRONLY, 0600);
        assertTrue(fd >= 0);
        assertTrue(Files.exists(root.resolve("made/f")));
        assertEquals(0, guest.call("rename", guest.string("/made/f"), guest.string("/../made/g")));
        assertTrue(Files.exists(root.resolve("made/g")));
        assertEquals(0, guest.call("symlink", guest.string("/made/g"), guest.string("/made/l")));
        assertEquals(0, guest.call("unlink", guest.string("/made/l")));
        assertEquals(0, guest.call("unlink", guest.string("/made/g")));
        assertEquals(0, guest.call("rmdir", guest.string("/made/")));
        assertFalse(Files.exists(root.resolve("made")));
        assertEquals(-Errno.EEXIST, guest.call("mkdir", guest.string("/.."), 0755), "/.. is the root itself");
    }

    @Test
    void theGuestSeesPathsInsideTheRoot() {
        assertEquals(0, guest.call("chdir", guest.string("/etc")));
        long buf = guest.alloc(4096);
        assertEquals(5, guest.call("getcwd", buf, 4096));
        assertEquals("/etc", guest.memory.readCString(buf, 4096));
        assertEquals("guest-host", read("hostname"));
        assertEquals("guest-host", read("../../../../etc/hostname"), "relative .. stops at the root too");
        int fd = open("/etc/hostname", O_RDONLY, 0);
        long n = guest.call("readlink", guest.string("/proc/self/fd/" + fd), buf, 4096);
        assertEquals("/etc/hostname", new String(guest.bytes(buf, (int) n), StandardCharsets.UTF_8));
        int etc = open("/etc", O_RDONLY | O_DIRECTORY, 0);
        assertEquals(0, guest.call("chdir", guest.string("/")));
        long at = guest.call("openat", etc, guest.string("../../../etc/hostname"), O_RDONLY, 0);
        assertTrue(at >= 0, "openat relative to a directory fd: " + at);
    }
}
