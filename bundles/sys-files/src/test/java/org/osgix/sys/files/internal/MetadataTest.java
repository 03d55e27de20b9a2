package org.osgix.sys.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.fd.OpenFile.O_DIRECTORY;
import static org.osgix.fd.OpenFile.O_RDONLY;
import static org.osgix.fd.OpenFile.O_RDWR;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;

/** Names, links, permissions, times, sizes, file systems and extended attributes. */
class MetadataTest extends FilesTestSupport {

    long path(String name) {
        return guest.string(dir.resolve(name).toString());
    }

    @Test
    void namesAreCreatedRenamedAndRemovedWithLinuxErrors() throws Exception {
        int d = openOk(dir, O_RDONLY | O_DIRECTORY);
        assertEquals(0, guest.call("mkdirat", d, guest.string("sub"), 0700));
        assertEquals(-Errno.EEXIST, guest.call("mkdir", path("sub"), 0700));
        assertEquals(0, guest.call("mknodat", d, guest.string("fifo"), 0010600, 0));
        assertTrue(Files.exists(dir.resolve("fifo")) && !Files.isRegularFile(dir.resolve("fifo")));
        Files.writeString(dir.resolve("a"), "a");
        assertEquals(0, guest.call("renameat2", d, guest.string("a"), d, guest.string("b"), 0));
        assertEquals(-Errno.EEXIST, guest.call("renameat2", d, guest.string("b"), d, guest.string("fifo"), 1));
        assertEquals(-Errno.EINVAL, guest.call("renameat2", d, guest.string("b"), d, guest.string("c"), 3),
            "NOREPLACE with EXCHANGE");
        assertEquals(0, guest.call("rename", path("b"), path("c")));
        assertEquals(-Errno.EISDIR, guest.call("unlink", path("sub")));
        assertEquals(-Errno.EINVAL, guest.call("unlinkat", d, guest.string("c"), 1));
        assertEquals(0, guest.call("unlinkat", d, guest.string("sub"), Host.AT_REMOVEDIR));
        assertEquals(0, guest.call("rmdir", guest.string(dir + "/fifo")) == 0 ? 1 : 0, "rmdir of a FIFO fails");
        assertEquals(0, guest.call("unlink", path("fifo")));
        assertEquals(-Errno.EFAULT, guest.call("mkdir", unmapped(), 0700));
    }

    @Test
    void linksReadBackTruncatedAndHardLinksShareTheFile() throws Exception {
        Files.writeString(dir.resolve("f"), "data");
        assertEquals(0, guest.call("symlink", guest.string("f"), path("s")));
        assertEquals(-Errno.ENOENT, guest.call("symlink", guest.string(""), path("empty")));
        long buf = guest.alloc(8);
        assertEquals(1, guest.call("readlink", path("s"), buf, 1));
        assertEquals(-Errno.EFAULT, guest.call("readlink", path("s"), unmapped(), 8));
        assertEquals(-Errno.ENOENT, guest.call("readlink", path("none"), unmapped(), 8), "the lookup fails first");
        assertEquals(0, guest.call("link", path("f"), path("h")));
        assertEquals(2, (int) Files.getAttribute(dir.resolve("f"), "unix:nlink"));
        assertEquals(0, guest.call("linkat", AT_FDCWD, path("s"), AT_FDCWD, path("hs"), Host.AT_SYMLINK_FOLLOW));
        assertFalse(Files.isSymbolicLink(dir.resolve("hs")), "AT_SYMLINK_FOLLOW links the target");
        assertEquals(-Errno.EINVAL, guest.call("linkat", AT_FDCWD, path("f"), AT_FDCWD, path("x"), 1));
    }

    @Test
    void permissionsTimesAndSizes() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "0123456789");
        assertEquals(0, guest.call("chmod", path("f"), 0640));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        int fd = openOk(file, O_RDWR);
        assertEquals(0, guest.call("fchmod", fd, 0600));
        assertEquals(-Errno.EINVAL, guest.call("fchmodat2", AT_FDCWD, path("f"), 0600, 0x8000));
        assertEquals(0, guest.call("fchown", fd, -1, -1));
        assertEquals(0, guest.call("lchown", path("f"), -1, -1));
        long times = guest.alloc(32);
        guest.memory.writeLong(times, 100);
        guest.memory.writeLong(times + 8, 0);
        guest.memory.writeLong(times + 16, 2000);
        guest.memory.writeLong(times + 24, 0);
        assertEquals(0, guest.call("utimensat", AT_FDCWD, path("f"), times, 0));
        assertEquals(FileTime.fromMillis(2_000_000), Files.getLastModifiedTime(file));
        guest.memory.writeLong(times + 16, 3000);
        assertEquals(0, guest.call("utimensat", fd, 0, times, 0), "a NULL path is the fd itself");
        assertEquals(FileTime.fromMillis(3_000_000), Files.getLastModifiedTime(file));
        assertEquals(-Errno.EFAULT, guest.call("utimensat", AT_FDCWD, 0, times, 0));
        assertEquals(-Errno.EINVAL, guest.call("utimensat", fd, 0, times, Host.AT_SYMLINK_NOFOLLOW));
        guest.memory.writeLong(times + 24, 1_000_000_000);
        assertEquals(-Errno.EINVAL, guest.call("utimensat", AT_FDCWD, path("f"), times, 0));
        long timevals = guest.alloc(32);
        guest.memory.writeLong(timevals, 1);
        guest.memory.writeLong(timevals + 16, 5);
        guest.memory.writeLong(timevals + 24, 250_000);
        assertEquals(0, guest.call("utimes", path("f"), timevals));
        assertEquals(FileTime.fromMillis(5_250), Files.getLastModifiedTime(file));
        guest.memory.writeLong(timevals + 24, 1_000_000);
        assertEquals(-Errno.EINVAL, guest.call("utimes", path("f"), timevals));
        assertEquals(0, guest.call("truncate", path("f"), 3));
        assertEquals(3, Files.size(file));
        assertEquals(-Errno.EINVAL, guest.call("truncate", path("f"), -1));
        assertEquals(0, guest.call("ftruncate", fd, 100));
        assertEquals(100, Files.size(file));
        assertEquals(0, guest.call("fallocate", fd, 0, 0, 8192));
        assertEquals(8192, Files.size(file));
        assertEquals(0, guest.call("fadvise64", fd, 0, 0, 1));
        assertEquals(0, guest.call("fsync", fd));
        assertEquals(0, guest.call("fdatasync", fd));
        assertEquals(0, guest.call("syncfs", fd));
        assertEquals(0, guest.call("sync"));
        assertEquals(-Errno.EBADF, guest.call("fsync", 99));
    }

    @Test
    void statfsWritesTheStructOrFaultsAfterTheLookup() {
        long buf = guest.alloc(FileSystems.STATFS_SIZE);
        assertEquals(0, guest.call("statfs", guest.string(dir.toString()), buf));
        assertTrue(guest.memory.readLong(buf + 8) > 0, "f_bsize");
        int fd = openOk(dir, O_RDONLY | O_DIRECTORY);
        long other = guest.alloc(FileSystems.STATFS_SIZE);
        assertEquals(0, guest.call("fstatfs", fd, other));
        assertEquals(guest.memory.readLong(buf), guest.memory.readLong(other), "the same f_type");
        assertEquals(-Errno.EFAULT, guest.call("statfs", guest.string(dir.toString()), unmapped()));
        assertEquals(-Errno.ENOENT, guest.call("statfs", path("none"), unmapped()));
    }

    @Test
    void extendedAttributesWhereTheFileSystemKeepsThem() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        long value = guest.alloc(16);
        guest.memory.write(value, "v1".getBytes(StandardCharsets.UTF_8), 0, 2);
        long r = guest.call("setxattr", path("f"), guest.string("user.t"), value, 2, 0);
        if (r == -Errno.EOPNOTSUPP) {
            return; // e.g. tmpfs without user xattrs: the host's answer, passed on
        }
        assertEquals(0, r);
        long out = guest.alloc(16);
        assertEquals(2, guest.call("getxattr", path("f"), guest.string("user.t"), out, 16));
        assertEquals(2, guest.call("lgetxattr", path("f"), guest.string("user.t"), 0, 0), "size query");
        assertEquals(-Errno.ERANGE, guest.call("getxattr", path("f"), guest.string("user.t"), out, 1));
        assertEquals(-Errno.ERANGE, guest.call("getxattr", path("f"), guest.string(""), out, 16));
        assertEquals(-Errno.ERANGE, guest.call("getxattr", path("f"), guest.string("user." + "n".repeat(300)), out, 16));
        long list = guest.alloc(64);
        assertEquals(7, guest.call("listxattr", path("f"), list, 64));
        assertEquals("user.t", guest.memory.readCString(list, 64));
        int fd = openOk(dir.resolve("f"), O_RDONLY);
        assertEquals(2, guest.call("fgetxattr", fd, guest.string("user.t"), out, 16));
        assertEquals(0, guest.call("fremovexattr", fd, guest.string("user.t")));
        assertEquals(-Errno.ENODATA, guest.call("getxattr", path("f"), guest.string("user.t"), out, 16));
        assertEquals(-Errno.EFAULT, guest.call("fsetxattr", fd, guest.string("user.u"), unmapped(), 4, 0));
    }
}
