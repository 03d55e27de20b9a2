package org.osgix.sys.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.fd.OpenFile.O_PATH;
import static org.osgix.fd.OpenFile.O_RDONLY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/** stat, lstat, fstat, newfstatat, statx, access, faccessat, faccessat2. */
class StatTest extends FilesTestSupport {
    static final int STATX_BASIC_STATS = 0x7ff;
    static final int S_IFMT = 0170000, S_IFREG = 0100000, S_IFLNK = 0120000, S_IFDIR = 0040000;
    static final int R_OK = 4, W_OK = 2, X_OK = 1, F_OK = 0;

    Path file;
    long buf;

    @BeforeEach
    void makeFile() throws IOException {
        file = Files.writeString(dir.resolve("f"), "twelve bytes");
        buf = statBuffer();
    }

    int mode() {
        return guest.memory.readInt(buf + ST_MODE);
    }

    long size() {
        return guest.memory.readLong(buf + ST_SIZE);
    }

    @Test
    void fstatReportsTheSize() {
        int fd = openOk(file, O_RDONLY);
        assertEquals(0, guest.call("fstat", fd, buf));
        assertEquals(12, size());
        assertEquals(S_IFREG, mode() & S_IFMT);
        assertEquals(-Errno.EBADF, guest.call("fstat", 99, buf));
    }

    @Test
    void emptyPathWithAtEmptyPathIsFstatAlsoOnPathDescriptors() {
        int fd = openOk(file, O_PATH);
        assertEquals(0, guest.call("newfstatat", fd, guest.string(""), buf, Host.AT_EMPTY_PATH));
        assertEquals(12, size());
        // Linux 6.11+ also takes a NULL path with AT_EMPTY_PATH
        assertEquals(0, guest.call("newfstatat", fd, 0, buf, Host.AT_EMPTY_PATH));
        assertEquals(-Errno.ENOENT, guest.call("newfstatat", fd, guest.string(""), buf, 0));
        assertEquals(-Errno.EBADF, guest.call("newfstatat", 99, guest.string(""), buf, Host.AT_EMPTY_PATH));
        assertEquals(0, guest.call("newfstatat", AT_FDCWD, guest.string(""), buf, Host.AT_EMPTY_PATH));
        assertEquals(S_IFDIR, mode() & S_IFMT, "AT_FDCWD with an empty path is the working directory");
    }

    @Test
    void statFollowsLinksAndLstatDoesNot() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        assertEquals(0, guest.call("stat", guest.string(link.toString()), buf));
        assertEquals(S_IFREG, mode() & S_IFMT);
        assertEquals(0, guest.call("lstat", guest.string(link.toString()), buf));
        assertEquals(S_IFLNK, mode() & S_IFMT);
        int dirFd = openOk(dir, O_PATH);
        assertEquals(0, guest.call("newfstatat", dirFd, guest.string("link"), buf, Host.AT_SYMLINK_NOFOLLOW));
        assertEquals(S_IFLNK, mode() & S_IFMT);
    }

    @Test
    void procSelfExeStatsTheGuestProgramUnlessNotFollowed() throws IOException {
        assertEquals(0, guest.call("stat", guest.string("/proc/self/exe"), buf));
        assertEquals(Files.getAttribute(Path.of(EXECUTABLE), "unix:ino"), guest.memory.readLong(buf + ST_INO));
        assertEquals(0, guest.call("lstat", guest.string("/proc/self/exe"), buf));
        assertEquals(S_IFLNK, mode() & S_IFMT);
    }

    @Test
    void badBuffersFaultOnlyAfterTheLookupSucceeds() {
        long readOnly = guest.page();
        guest.memory.protect(readOnly, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ);
        assertEquals(-Errno.ENOENT, guest.call("stat", guest.string(dir.resolve("none").toString()), readOnly));
        assertEquals(-Errno.EFAULT, guest.call("stat", guest.string(file.toString()), readOnly));
        assertEquals(-Errno.EFAULT, guest.call("stat", unmapped(), buf));
        int fd = openOk(file, O_RDONLY);
        assertEquals(-Errno.EFAULT, guest.call("fstat", fd, unmapped()));
    }

    @Test
    void statxGivesTheBasicStatistics() throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        long stx = guest.alloc(StatX.STATX_SIZE);
        assertEquals(0, guest.call("statx", AT_FDCWD, guest.string(file.toString()), 0, STATX_BASIC_STATS, stx));
        assertEquals(STATX_BASIC_STATS, guest.memory.readInt(stx) & STATX_BASIC_STATS);
        assertEquals(12, guest.memory.readLong(stx + 40));
        assertEquals(S_IFREG | 0640, guest.memory.readInt(stx + 28) & 0xffff);
        assertEquals(Files.getAttribute(file, "unix:ino"), guest.memory.readLong(stx + 32));
        long mtime = ((java.nio.file.attribute.FileTime) Files.getAttribute(file, "lastModifiedTime")).toMillis() / 1000;
        assertEquals(mtime, guest.memory.readLong(stx + 112));
        int fd = openOk(file, O_PATH);
        assertEquals(0, guest.call("statx", fd, 0, Host.AT_EMPTY_PATH, 0, stx));
        assertEquals(12, guest.memory.readLong(stx + 40));
        assertEquals(-Errno.EINVAL, guest.call("statx", fd, guest.string(""), Host.AT_EMPTY_PATH | 0x6000, 0, stx));
        assertEquals(-Errno.EINVAL, guest.call("statx", fd, guest.string(""), Host.AT_EMPTY_PATH, 0x80000000L, stx));
        assertEquals(-Errno.EFAULT, guest.call("statx", fd, guest.string(""), Host.AT_EMPTY_PATH, 0, unmapped()));
    }

    @Test
    void deviceNumbersSplitLikeGlibc() {
        // minor 0x9876: low 8 bits at 0..7, the rest from bit 20
        // major 0x123abc: low 12 bits at 8..19, the rest from bit 32
        long encoded = ((0x123abcL & 0xfff) << 8) | ((0x123abcL & ~0xfffL) << 32) | (0x9876L & 0xff)
            | ((0x9876L & ~0xffL) << 12);
        assertEquals(0x123abc, StatX.major(encoded));
        assertEquals(0x9876, StatX.minor(encoded));
        long stx = guest.alloc(StatX.STATX_SIZE);
        assertEquals(0, guest.call("statx", AT_FDCWD, guest.string("/dev/null"), 0, 0, stx));
        assertEquals(1, guest.memory.readInt(stx + 128), "/dev/null is char device 1:3");
        assertEquals(3, guest.memory.readInt(stx + 132));
    }

    @Test
    void accessChecksExistenceAndModeBits() throws IOException {
        assertEquals(0, guest.call("access", guest.string(file.toString()), F_OK));
        assertEquals(-Errno.ENOENT, guest.call("access", guest.string(dir.resolve("none").toString()), F_OK));
        assertEquals(-Errno.EINVAL, guest.call("access", guest.string(file.toString()), 8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, guest.call("access", guest.string(file.toString()), R_OK | W_OK));
        assertEquals(-Errno.EACCES, guest.call("access", guest.string(file.toString()), X_OK),
            "nobody may execute it, not even root");
        assertEquals(0, guest.call("access", guest.string(dir.toString()), X_OK));
    }

    @Test
    void faccessat2TakesFlagsAndTheOldCallIgnoresThem() {
        int fd = openOk(file, O_PATH);
        assertEquals(0, guest.call("faccessat2", fd, guest.string(""), R_OK, Host.AT_EMPTY_PATH));
        assertEquals(-Errno.EINVAL, guest.call("faccessat2", AT_FDCWD, guest.string(file.toString()), 0, 0x8000));
        assertEquals(-Errno.EBADF, guest.call("faccessat2", 99, guest.string(""), 0, Host.AT_EMPTY_PATH));
        assertEquals(0, guest.call("faccessat", AT_FDCWD, guest.string(file.toString()), 0, 0x12345));
        assertEquals(-Errno.ENOENT, guest.call("faccessat", fd, guest.string(""), 0));
    }

    @Test
    void accessIsCheckedByTheHostWithTheEffectiveIdsOnRequest() throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        int expected = guest.host.geteuid() == 0 ? 0 : -Errno.EACCES;
        assertEquals(expected, guest.call("faccessat2", AT_FDCWD, guest.string(file.toString()), W_OK, 0x200));
        assertEquals(0, guest.call("faccessat2", AT_FDCWD, guest.string(file.toString()), R_OK, 0x200));
        assertEquals(-Errno.EFAULT, guest.call("access", unmapped(), R_OK));
        assertEquals(-Errno.EINVAL, guest.call("access", unmapped(), 8), "the mode is checked before the path");
    }
}
