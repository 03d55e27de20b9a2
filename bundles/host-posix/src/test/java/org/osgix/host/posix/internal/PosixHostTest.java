package org.osgix.host.posix.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;

/** Real host calls through {@link PosixHost}; the kernel is the oracle. */
class PosixHostTest extends HostTestSupport {
    @Test
    void platformNamesLinuxX8664() {
        assertEquals("linux-x86_64", host.platform());
    }

    @Test
    void pipeWriteThenReadRoundTrips() {
        int[] pipe = pipe(O_CLOEXEC);
        putString(scratch, "hello");
        assertEquals(5, host.write(pipe[1], scratch, 5));
        assertEquals(5, host.read(pipe[0], scratch + 100, 64));
        assertEquals("hello", getString(scratch + 100, 5));
        assertEquals(O_CLOEXEC >>> 19, host.fcntl(pipe[0], Host.F_GETFD, 0), "FD_CLOEXEC set by pipe2");
    }

    @Test
    void badFdGivesEbadf() {
        assertEquals(-Errno.EBADF, host.read(-1, scratch, 1));
        assertEquals(-Errno.EBADF, host.write(1_000_000, scratch, 1));
        assertEquals(-Errno.EBADF, host.close(1_000_000));
        assertEquals(-Errno.EBADF, host.fstat(-5, scratch));
    }

    @Test
    void directMappingKeepsErrnoPerThread() throws Exception {
        assertEquals(-1, LibC.close(-1));
        int[] otherErrno = new int[1];
        Thread other = new Thread(() -> {
            LibC.openat(Host.AT_FDCWD, CStrings.nulTerminated("/nonexistent-osgix"), O_RDONLY, 0);
            otherErrno[0] = com.sun.jna.Native.getLastError();
        });
        other.start();
        other.join();
        assertEquals(Errno.ENOENT, otherErrno[0]);
        assertEquals(Errno.EBADF, com.sun.jna.Native.getLastError(), "another thread's failure does not leak here");
        assertEquals(-Errno.ENOTDIR, host.openat(Host.AT_FDCWD, "/etc/passwd/x", O_RDONLY, 0));
        assertEquals(-Errno.EINVAL, host.lseek(track(host.openat(Host.AT_FDCWD, "/dev/null", O_RDONLY, 0)), 0, 77));
    }

    @Test
    void openatOfMissingFileIsEnoent() {
        assertEquals(-Errno.ENOENT, host.openat(Host.AT_FDCWD, "/nonexistent-osgix/file", O_RDONLY, 0));
    }

    @Test
    void openatAndFstatOfTempFile() throws Exception {
        Path file = tempDir.resolve("data.bin");
        Files.write(file, new byte[1234]);
        int fd = track(host.openat(Host.AT_FDCWD, file.toString(), O_RDONLY | O_CLOEXEC, 0));
        assertEquals(0, host.fstat(fd, scratch));
        assertEquals(1234L, memory.getLong(scratch + STAT_SIZE_OFFSET));
        assertEquals(S_IFREG, memory.getInt(scratch + STAT_MODE_OFFSET) & S_IFMT);
    }

    @Test
    void fstatatEmptyPathMatchesFstatAndRelativeLookupWorks() throws Exception {
        Path file = tempDir.resolve("f.txt");
        Files.write(file, new byte[77]);
        int dir = track(host.openat(Host.AT_FDCWD, tempDir.toString(), O_PATH | O_CLOEXEC, 0));
        assertEquals(0, host.fstatat(dir, "f.txt", scratch, 0));
        assertEquals(77L, memory.getLong(scratch + STAT_SIZE_OFFSET));
        int fd = track(host.openat(dir, "f.txt", O_RDONLY, 0));
        assertEquals(0, host.fstat(fd, scratch));
        assertEquals(0, host.fstatat(fd, "", scratch + STAT_SIZE, Host.AT_EMPTY_PATH));
        byte[] viaFstat = new byte[STAT_SIZE];
        byte[] viaFstatat = new byte[STAT_SIZE];
        memory.get(scratch, viaFstat, 0, STAT_SIZE);
        memory.get(scratch + STAT_SIZE, viaFstatat, 0, STAT_SIZE);
        assertArrayEquals(viaFstat, viaFstatat);
        assertEquals(-Errno.ENOENT, host.fstatat(dir, "nope", scratch, 0));
    }

    @Test
    void nonAsciiPathsAreUtf8() throws Exception {
        Path file = tempDir.resolve("caf\u00e9-\u65e5\u672c.txt");
        Files.write(file, new byte[3]);
        int fd = track(host.openat(Host.AT_FDCWD, file.toString(), O_RDONLY, 0));
        assertEquals(0, host.fstat(fd, scratch));
        assertEquals(3L, memory.getLong(scratch + STAT_SIZE_OFFSET));
    }

    @Test
    void writeLseekPreadPwrite() {
        String path = tempDir.resolve("rw").toString();
        int fd = track(host.openat(Host.AT_FDCWD, path, O_RDWR | O_CREAT, 0600));
        putString(scratch, "0123456789");
        assertEquals(10, host.write(fd, scratch, 10));
        assertEquals(10, host.lseek(fd, 0, SEEK_CUR));
        assertEquals(3, host.lseek(fd, 3, SEEK_SET));
        assertEquals(4, host.read(fd, scratch + 100, 4));
        assertEquals("3456", getString(scratch + 100, 4));
        assertEquals(10, host.lseek(fd, 0, SEEK_END));
        putString(scratch, "AB");
        assertEquals(2, host.pwrite(fd, scratch, 2, 0));
        assertEquals(3, host.pread(fd, scratch + 200, 3, 0));
        assertEquals("AB2", getString(scratch + 200, 3));
        assertEquals(10, host.lseek(fd, 0, SEEK_CUR), "pread/pwrite leave the offset alone");
        assertEquals(-Errno.EINVAL, host.lseek(fd, -1, SEEK_SET));
        assertEquals(-Errno.ESPIPE, host.lseek(pipe(0)[0], 0, SEEK_SET));
    }

    @Test
    void writevAndReadvWithHostIovecs() {
        int[] pipe = pipe(0);
        long iov = scratch, a = scratch + 256, b = scratch + 512;
        putString(a, "abc");
        putString(b, "defgh");
        memory.putLong(iov, a);
        memory.putLong(iov + 8, 3);
        memory.putLong(iov + 16, b);
        memory.putLong(iov + 24, 5);
        assertEquals(8, host.writev(pipe[1], iov, 2));
        long c = scratch + 1024, d = scratch + 1100;
        memory.putLong(iov, c);
        memory.putLong(iov + 8, 2);
        memory.putLong(iov + 16, d);
        memory.putLong(iov + 24, 20);
        assertEquals(8, host.readv(pipe[0], iov, 2));
        assertEquals("ab", getString(c, 2));
        assertEquals("cdefgh", getString(d, 6));
        assertEquals(-Errno.EINVAL, host.readv(pipe[0], iov, -1));
    }

    @Test
    void pollTimesOutThenSeesData() {
        int[] pipe = pipe(0);
        long pollfd = scratch;
        memory.putInt(pollfd, pipe[0]);
        memory.putInt(pollfd + 4, Host.POLLIN); // events (short) + revents (short) = 0
        long start = System.nanoTime();
        assertEquals(0, host.poll(pollfd, 1, 60));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 55, "poll returned after " + elapsedMillis + " ms");

        start = System.nanoTime();
        assertEquals(0, host.ppoll(pollfd, 1, 30_000_000L));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 25, "ppoll timeout honoured");

        putString(scratch + 100, "x");
        assertEquals(1, host.write(pipe[1], scratch + 100, 1));
        assertEquals(1, host.poll(pollfd, 1, 1000));
        assertEquals(Host.POLLIN, memory.getInt(pollfd + 4) >>> 16);
        memory.putInt(pollfd + 4, Host.POLLIN);
        assertEquals(1, host.ppoll(pollfd, 1, -1), "infinite ppoll returns at once for a ready fd");
        assertEquals(Host.POLLIN, memory.getInt(pollfd + 4) >>> 16);
    }

    @Test
    void epollOnEventfd() {
        int epfd = track(host.epollCreate1(EPOLL_CLOEXEC));
        int efd = track(host.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
        long event = scratch, events = scratch + 64;
        memory.putInt(event, EPOLLIN);
        memory.putLong(event + 4, 0x1234_5678_9ABCL); // packed: data right after the 4-byte events
        assertEquals(0, host.epollCtl(epfd, EPOLL_CTL_ADD, efd, event));
        assertEquals(-Errno.EEXIST, host.epollCtl(epfd, EPOLL_CTL_ADD, efd, event));
        assertEquals(0, host.epollWait(epfd, events, 4, 0));

        memory.putLong(scratch + 200, 1);
        assertEquals(8, host.write(efd, scratch + 200, 8));
        assertEquals(1, host.epollWait(epfd, events, 4, 1000));
        assertEquals(EPOLLIN, memory.getInt(events));
        assertEquals(0x1234_5678_9ABCL, memory.getLong(events + 4));

        assertEquals(8, host.read(efd, scratch + 300, 8));
        assertEquals(1L, memory.getLong(scratch + 300));
        assertEquals(-Errno.EAGAIN, host.read(efd, scratch + 300, 8));
        assertEquals(0, host.epollCtl(epfd, EPOLL_CTL_DEL, efd, 0));
        assertEquals(-Errno.ENOENT, host.epollCtl(epfd, EPOLL_CTL_DEL, efd, 0));
    }

    @Test
    void mmapMprotectMunmap() {
        long length = 2 * 4096;
        long addr = host.mmap(0, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        assertTrue(addr > 0 && (addr & 4095) == 0, "mmap returned " + addr);
        assertEquals(0L, memory.getLong(addr + 4096), "anonymous memory is zeroed");
        memory.putLong(addr + 4096, 0xCAFEL);
        assertEquals(0xCAFEL, memory.getLong(addr + 4096));
        assertEquals(0, host.mprotect(addr, 4096, PROT_READ));
        assertEquals(-Errno.EINVAL, host.mprotect(addr + 1, 4096, PROT_READ));
        assertEquals(0, host.madvise(addr, length, 4 /* MADV_DONTNEED */));
        assertEquals(0L, memory.getLong(addr + 4096), "MADV_DONTNEED zeroes private anonymous memory");
        assertEquals(0, host.munmap(addr, length));
        assertEquals(-Errno.EINVAL, host.mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        assertEquals(-Errno.EBADF, host.mmap(0, 4096, PROT_READ, MAP_PRIVATE, -1, 0));
    }

    @Test
    void closeTellsListenersWhileTheFdIsStillOpen() {
        int[] pipe = pipe(0);
        List<String> seen = new ArrayList<>();
        org.osgix.host.HostFdListener listener =
            fd -> seen.add(fd + ":" + (host.fcntl(fd, Host.F_GETFD, 0) >= 0 ? "open" : "closed"));
        host.addHostFdListener(listener);
        try {
            assertEquals(0, host.close(pipe[0]));
            fdsToClose.remove(Integer.valueOf(pipe[0]));
            assertEquals(List.of(pipe[0] + ":open"), seen);
            assertEquals(-Errno.EBADF, host.fcntl(pipe[0], Host.F_GETFD, 0));
        } finally {
            host.removeHostFdListener(listener);
        }
        assertEquals(0, host.close(pipe[1]));
        fdsToClose.remove(Integer.valueOf(pipe[1]));
        assertEquals(1, seen.size(), "a removed listener is not told");
    }

    @Test
    void aFailingListenerDoesNotKeepTheFdOpen() {
        int[] pipe = pipe(0);
        org.osgix.host.HostFdListener failing = fd -> {
            throw new IllegalStateException("listener bug");
        };
        host.addHostFdListener(failing);
        try {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> host.close(pipe[0]));
        } finally {
            host.removeHostFdListener(failing);
        }
        fdsToClose.remove(Integer.valueOf(pipe[0]));
        assertEquals(-Errno.EBADF, host.fcntl(pipe[0], Host.F_GETFD, 0));
    }

    @Test
    void openFdCountFollowsOpenAndClose() {
        int before = host.openFdCount();
        assertTrue(before >= 3);
        int fd = host.openat(Host.AT_FDCWD, "/dev/null", O_RDONLY | O_CLOEXEC, 0);
        assertTrue(fd >= 0);
        assertEquals(before + 1, host.openFdCount());
        assertEquals(0, host.close(fd));
        assertEquals(before, host.openFdCount());
    }

    @Test
    void fcntlAndIoctl() {
        int[] pipe = pipe(O_NONBLOCK);
        assertEquals(O_NONBLOCK, host.fcntl(pipe[0], Host.F_GETFL, 0) & O_NONBLOCK);
        assertEquals(0, host.fcntl(pipe[0], Host.F_SETFL, 0));
        assertEquals(0, host.fcntl(pipe[0], Host.F_GETFL, 0) & O_NONBLOCK);
        putString(scratch, "12345");
        assertEquals(5, host.write(pipe[1], scratch, 5));
        assertEquals(0, host.ioctl(pipe[0], FIONREAD, scratch + 100));
        assertEquals(5, memory.getInt(scratch + 100));
        int devNull = track(host.openat(Host.AT_FDCWD, "/dev/null", O_WRONLY, 0));
        assertEquals(-Errno.ENOTTY, host.ioctl(devNull, TCGETS, scratch + 200));
        int copy = track(host.dup(devNull));
        assertTrue(copy != devNull);
        assertTrue(track(host.fcntl(devNull, Host.F_DUPFD, 200)) >= 200);
    }

    @Test
    void readlinkatGetcwdUnameAndIdentity() throws Exception {
        Path target = tempDir.resolve("target");
        Files.createSymbolicLink(tempDir.resolve("link"), target);
        long n = host.readlinkat(Host.AT_FDCWD, tempDir.resolve("link").toString(), scratch, 4096);
        assertEquals(target.toString(), getString(scratch, (int) n));
        assertEquals(-Errno.EINVAL, host.readlinkat(Host.AT_FDCWD, tempDir.toString(), scratch, 4096));

        long cwdLength = host.getcwd(scratch, 4096);
        String cwd = System.getProperty("user.dir");
        assertEquals(cwd.getBytes(StandardCharsets.UTF_8).length + 1, cwdLength, "length includes the NUL");
        assertEquals(cwd, getString(scratch, (int) cwdLength - 1));
        assertEquals(-Errno.ERANGE, host.getcwd(scratch, 1));

        assertEquals(0, host.uname(scratch));
        assertEquals("Linux", getString(scratch, 5));
        assertEquals(0, memory.getByte(scratch + 5));
        assertEquals("x86_64", getString(scratch + 4 * 65, 6), "machine is the fifth 65-byte field");

        assertEquals(ProcessHandle.current().pid(), host.getpid());
        assertTrue(host.getuid() >= 0 && host.geteuid() >= 0 && host.getgid() >= 0 && host.getegid() >= 0);
    }

    @Test
    void clockAndRandom() {
        assertEquals(0, host.clockGettime(1 /* CLOCK_MONOTONIC */, scratch));
        long seconds = memory.getLong(scratch), nanos = memory.getLong(scratch + 8);
        assertTrue(seconds >= 0 && nanos >= 0 && nanos < 1_000_000_000L);
        assertEquals(-Errno.EINVAL, host.clockGettime(12345, scratch));

        memory.fill(scratch, 64, (byte) 0);
        assertEquals(64, host.getrandom(scratch, 64, 0));
        byte[] random = new byte[64];
        memory.get(scratch, random, 0, 64);
        assertTrue(java.util.stream.IntStream.range(0, 64).anyMatch(i -> random[i] != 0));
    }

    @Test
    void chdirAndFchdirMoveTheHostCwd() throws Exception {
        long length = host.getcwd(scratch, 4096);
        String original = getString(scratch, (int) length - 1);
        try {
            assertEquals(0, host.chdir(tempDir.toString()));
            length = host.getcwd(scratch, 4096);
            assertEquals(tempDir.toRealPath().toString(), getString(scratch, (int) length - 1));
            assertEquals(-Errno.ENOENT, host.chdir("does-not-exist"));
            int dir = track(host.openat(Host.AT_FDCWD, "/", O_RDONLY, 0));
            assertEquals(0, host.fchdir(dir));
            length = host.getcwd(scratch, 4096);
            assertEquals("/", getString(scratch, (int) length - 1));
        } finally {
            assertEquals(0, host.chdir(original));
        }
    }
}
