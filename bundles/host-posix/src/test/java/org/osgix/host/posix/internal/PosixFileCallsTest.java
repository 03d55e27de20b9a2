package org.osgix.host.posix.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;

/** The byte-string path calls and the newer transfer calls, with the kernel as the oracle. */
class PosixFileCallsTest extends HostTestSupport {
    static final int O_DIRECTORY = 0x10000, O_TRUNC = 0x200, O_EXCL = 0x80;
    static final int RWF_NOWAIT = 8, RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2;

    /** A NUL-terminated byte string. */
    static byte[] c(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, utf8.length + 1);
    }

    int openDir(Path dir) {
        return track(host.openat(Host.AT_FDCWD, c(dir.toString()), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0));
    }

    @Test
    void aPathWithoutItsNulIsRefusedBeforeAnyHostCall() {
        assertThrows(IllegalArgumentException.class,
            () -> host.openat(Host.AT_FDCWD, "/etc".getBytes(StandardCharsets.US_ASCII), O_RDONLY, 0));
        assertThrows(IllegalArgumentException.class, () -> host.unlinkat(Host.AT_FDCWD, new byte[0], 0));
    }

    @Test
    void namesThatAreNotUtf8ReachTheHostUnchanged() throws Exception {
        int dirFd = openDir(tempDir);
        byte[] name = {'x', (byte) 0xff, (byte) 0xfe, 0};
        int fd = track(host.openat(dirFd, name, O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
        assertTrue(fd >= 0);
        long n = host.getdents64(dirFd, scratch, 4096);
        assertTrue(n > 0, "getdents64: " + n);
        assertTrue(direntNames(scratch, (int) n).stream()
            .anyMatch(entry -> Arrays.equals(entry, Arrays.copyOf(name, 3))), "the raw name is listed");
        assertEquals(0, host.unlinkat(dirFd, name, 0));
    }

    /** The names of linux_dirent64 records {ino, off, reclen u16, type u8, name}. */
    List<byte[]> direntNames(long buf, int length) {
        List<byte[]> names = new ArrayList<>();
        for (int pos = 0; pos < length; ) {
            int reclen = memory.getByte(buf + pos + 16) & 0xff | (memory.getByte(buf + pos + 17) & 0xff) << 8;
            long nameAt = buf + pos + 19;
            int len = (int) memory.indexOfNul(nameAt, reclen - 19);
            byte[] name = new byte[len];
            memory.get(nameAt, name, 0, len);
            names.add(name);
            pos += reclen;
        }
        return names;
    }

    @Test
    void getdents64ListsDotEntriesAndFilesThenReachesTheEnd() throws Exception {
        Files.writeString(tempDir.resolve("a"), "1");
        Files.createDirectory(tempDir.resolve("b"));
        int dirFd = openDir(tempDir);
        long n = host.getdents64(dirFd, scratch, 4096);
        List<String> names = direntNames(scratch, (int) n).stream().map(String::new).sorted().toList();
        assertEquals(List.of(".", "..", "a", "b"), names);
        assertEquals(0, host.getdents64(dirFd, scratch, 4096), "the end");
        assertEquals(0, host.lseek(dirFd, 0, SEEK_SET));
        assertEquals(-Errno.EINVAL, host.getdents64(dirFd, scratch, 8), "too small for one record");
    }

    @Test
    void openat2InRootKeepsDotDotAndAbsoluteSymlinksInside() throws Exception {
        Path root = Files.createDirectory(tempDir.resolve("root"));
        Files.createDirectory(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "inside");
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/etc/passwd"));
        int rootFd = track(host.openat(Host.AT_FDCWD, c(root.toString()), 0x200000 | O_DIRECTORY | O_CLOEXEC, 0));
        for (String path : List.of("/etc/passwd", "../../../../etc/passwd", "abs", "/abs")) {
            int fd = host.openat2(rootFd, c(path), O_RDONLY | O_CLOEXEC, 0, Host.RESOLVE_IN_ROOT);
            assertTrue(fd >= 0, path + ": " + fd);
            track(fd);
            assertEquals(6, host.read(fd, scratch, 100), path);
            assertEquals("inside", getString(scratch, 6), path);
        }
        assertEquals(-Errno.EINVAL, host.openat2(rootFd, c("x"), O_RDONLY, 0, 1L << 40), "unknown resolve flag");
    }

    @Test
    void directoriesLinksAndRenames() throws Exception {
        int d = openDir(tempDir);
        assertEquals(0, host.mkdirat(d, c("sub"), 0755));
        assertEquals(-Errno.EEXIST, host.mkdirat(d, c("sub"), 0755));
        assertEquals(0, host.symlinkat(c("sub"), d, c("link")));
        long n = host.readlinkat(d, c("link"), scratch, 100);
        assertEquals("sub", getString(scratch, (int) n));
        Files.writeString(tempDir.resolve("f"), "data");
        assertEquals(0, host.linkat(d, c("f"), d, c("g"), 0));
        assertEquals(2, (int) Files.getAttribute(tempDir.resolve("f"), "unix:nlink"));
        assertEquals(-Errno.EEXIST, host.renameat2(d, c("f"), d, c("g"), RENAME_NOREPLACE));
        Files.writeString(tempDir.resolve("h"), "other");
        assertEquals(0, host.renameat2(d, c("f"), d, c("h"), RENAME_EXCHANGE));
        assertEquals("other", Files.readString(tempDir.resolve("f")));
        assertEquals(-Errno.ENOTEMPTY, host.unlinkat(Host.AT_FDCWD, c(tempDir.toString()), Host.AT_REMOVEDIR));
        assertEquals(-Errno.EISDIR, host.unlinkat(d, c("sub"), 0));
        assertEquals(0, host.unlinkat(d, c("sub"), Host.AT_REMOVEDIR));
        assertEquals(0, host.mknodat(d, c("fifo"), S_IFIFO | 0600, 0));
        assertEquals(S_IFIFO, (int) Files.getAttribute(tempDir.resolve("fifo"), "unix:mode") & S_IFMT);
    }

    @Test
    void permissionsOwnersTimesAndSizes() throws Exception {
        Path file = Files.writeString(tempDir.resolve("f"), "0123456789");
        int d = openDir(tempDir);
        assertEquals(0, host.fchmodat(d, c("f"), 0640, 0));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        int fd = track(host.openat(d, c("f"), O_RDWR | O_CLOEXEC, 0));
        assertEquals(0, host.fchmod(fd, 0600));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(0, host.fchown(fd, -1, -1));
        assertEquals(0, host.fchownat(d, c("f"), -1, -1, Host.AT_SYMLINK_NOFOLLOW));
        // times: {atime, mtime} = {1000 s, 2000 s}
        memory.putLong(scratch, 1000);
        memory.putLong(scratch + 8, 0);
        memory.putLong(scratch + 16, 2000);
        memory.putLong(scratch + 24, 0);
        assertEquals(0, host.utimensat(d, c("f"), scratch, 0));
        assertEquals(FileTime.fromMillis(2_000_000), Files.getLastModifiedTime(file));
        memory.putLong(scratch + 16, 3000);
        assertEquals(0, host.utimensat(fd, null, scratch, 0));
        assertEquals(FileTime.fromMillis(3_000_000), Files.getLastModifiedTime(file));
        assertEquals(0, host.truncate(c(file.toString()), 4));
        assertEquals(4, Files.size(file));
        assertEquals(0, host.ftruncate(fd, 2));
        assertEquals(2, Files.size(file));
        assertEquals(0, host.fallocate(fd, 0, 0, 8192));
        assertEquals(8192, Files.size(file));
        assertEquals(0, host.fsync(fd));
        assertEquals(0, host.fdatasync(fd));
        assertEquals(0, host.syncfs(fd));
        assertEquals(0, host.sync());
        assertEquals(0, host.flock(fd, 2 | 4));
        assertEquals(0, host.fadvise(fd, 0, 0, 2));
        assertEquals(-Errno.EINVAL, host.fadvise(fd, 0, 0, 99));
        assertEquals(-Errno.EBADF, host.fadvise(-1, 0, 0, 0));
    }

    @Test
    void accessIsTheHostsOwnCheck() throws Exception {
        Path file = Files.writeString(tempDir.resolve("f"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertEquals(0, host.faccessat2(Host.AT_FDCWD, c(file.toString()), 4, 0));
        int expectWrite = host.getuid() == 0 ? 0 : -Errno.EACCES;
        assertEquals(expectWrite, host.faccessat2(Host.AT_FDCWD, c(file.toString()), 2, 0x200));
        assertEquals(-Errno.ENOENT, host.faccessat2(Host.AT_FDCWD, c(tempDir + "/missing"), 0, 0));
        assertEquals(-Errno.EINVAL, host.faccessat2(Host.AT_FDCWD, c(file.toString()), 0, 0x1));
    }

    @Test
    void statxAndStatfsDescribeTheFile() throws Exception {
        Path file = Files.writeString(tempDir.resolve("f"), "12345");
        assertEquals(0, host.statx(Host.AT_FDCWD, c(file.toString()), 0, 0x7ff, scratch));
        assertEquals(5, memory.getLong(scratch + 40), "stx_size");
        assertEquals(0, host.statfs(c(tempDir.toString()), scratch));
        assertTrue(memory.getLong(scratch + 8) > 0, "f_bsize");
        int d = openDir(tempDir);
        assertEquals(0, host.fstatfs(d, scratch + 512));
        assertEquals(memory.getLong(scratch), memory.getLong(scratch + 512), "same f_type");
    }

    @Test
    void memfdIsAnAnonymousFileThatReadsBackWhatWasWritten() {
        int fd = track(host.memfdCreate(c("osgix-test"), 1));
        putString(scratch, "content");
        assertEquals(7, host.write(fd, scratch, 7));
        assertEquals(3, host.pread(fd, scratch + 64, 3, 4));
        assertEquals("ent", getString(scratch + 64, 3));
        long n = host.readlinkat(Host.AT_FDCWD, c("/proc/self/fd/" + fd), scratch, 100);
        assertTrue(getString(scratch, (int) n).startsWith("/memfd:osgix-test"));
    }

    @Test
    void umaskSetsAndReturnsTheHostMask() {
        int old = host.umask(027);
        try {
            assertEquals(027, host.umask(027));
        } finally {
            host.umask(old);
        }
    }

    @Test
    void nowaitReadOfAnEmptyPipeSaysEagainInsteadOfBlocking() {
        int[] p = pipe(O_CLOEXEC);
        memory.putLong(scratch + 64, scratch);
        memory.putLong(scratch + 72, 16);
        assertEquals(-Errno.EAGAIN, host.preadv2(p[0], scratch + 64, 1, -1, RWF_NOWAIT));
        putString(scratch, "abc");
        memory.putLong(scratch + 72, 3);
        assertEquals(3, host.pwritev2(p[1], scratch + 64, 1, -1, RWF_NOWAIT));
        memory.putLong(scratch + 72, 16);
        assertEquals(3, host.preadv2(p[0], scratch + 64, 1, -1, RWF_NOWAIT));
    }

    @Test
    void positionedVectoredAndInKernelCopies() throws Exception {
        Path from = Files.writeString(tempDir.resolve("from"), "hello, world");
        int in = track(host.openat(Host.AT_FDCWD, c(from.toString()), O_RDONLY | O_CLOEXEC, 0));
        memory.putLong(scratch + 64, scratch);
        memory.putLong(scratch + 72, 5);
        assertEquals(5, host.preadv(in, scratch + 64, 1, 7));
        assertEquals("world", getString(scratch, 5));
        int out = track(host.openat(Host.AT_FDCWD, c(tempDir + "/to"), O_CREAT | O_RDWR | O_CLOEXEC, 0600));
        assertEquals(5, host.pwritev(out, scratch + 64, 1, 0));
        memory.putLong(scratch + 128, 0); // off_t for sendfile
        // out's own offset is still 0: sendfile overwrites what pwritev put there
        assertEquals(5, host.sendfile(out, in, scratch + 128, 5));
        assertEquals(5, memory.getLong(scratch + 128));
        assertEquals(0, host.lseek(in, 0, SEEK_CUR), "sendfile with an offset leaves the file offset");
        memory.putLong(scratch + 136, 5);
        memory.putLong(scratch + 144, 10);
        assertEquals(7, host.copyFileRange(in, scratch + 136, out, scratch + 144, 100, 0));
        assertEquals("hello\0\0\0\0\0, world", Files.readString(tempDir.resolve("to")));
        int[] p = pipe(O_CLOEXEC);
        memory.putLong(scratch + 136, 0);
        assertEquals(4, host.splice(in, scratch + 136, p[1], 0, 4, 0));
        int[] q = pipe(O_CLOEXEC);
        assertEquals(4, host.tee(p[0], q[1], 4, 0));
    }

    @Test
    void extendedAttributesRoundTripWhereTheFileSystemHasThem() throws Exception {
        Path file = Files.writeString(tempDir.resolve("f"), "x");
        putString(scratch, "v1");
        int r = host.setxattr(c(file.toString()), c("user.osgix"), scratch, 2, 0, true);
        if (r == -Errno.EOPNOTSUPP) {
            // this file system keeps no user attributes: every call says so
            assertEquals(-Errno.EOPNOTSUPP, (int) host.getxattr(c(file.toString()), c("user.osgix"), scratch, 16, true));
            return;
        }
        assertEquals(0, r);
        assertEquals(2, host.getxattr(c(file.toString()), c("user.osgix"), scratch + 64, 16, false));
        assertEquals("v1", getString(scratch + 64, 2));
        long n = host.listxattr(c(file.toString()), scratch + 128, 256, true);
        assertTrue(getString(scratch + 128, (int) n).contains("user.osgix"));
        int fd = track(host.openat(Host.AT_FDCWD, c(file.toString()), O_RDONLY | O_CLOEXEC, 0));
        assertEquals(2, host.fgetxattr(fd, c("user.osgix"), scratch + 64, 16));
        assertEquals(n, host.flistxattr(fd, scratch + 128, 256));
        assertEquals(0, host.fremovexattr(fd, c("user.osgix")));
        assertEquals(-Errno.ENODATA, host.getxattr(c(file.toString()), c("user.osgix"), scratch, 16, true));
        assertEquals(0, host.fsetxattr(fd, c("user.b"), scratch, 1, 0));
        assertEquals(0, host.removexattr(c(file.toString()), c("user.b"), false));
        assertFalse(Files.isSymbolicLink(file), "sanity");
        assertTrue(Files.exists(file, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void chdirByBytes() throws Exception {
        long before = host.getcwd(scratch, 4096);
        String old = getString(scratch, (int) before - 1);
        try {
            assertEquals(0, host.chdir(c(tempDir.toString())));
            long n = host.getcwd(scratch, 4096);
            assertEquals(tempDir.toRealPath().toString(), getString(scratch, (int) n - 1));
        } finally {
            host.chdir(c(old));
        }
        assertArrayEquals(c("a"), new byte[] {'a', 0});
    }
}
