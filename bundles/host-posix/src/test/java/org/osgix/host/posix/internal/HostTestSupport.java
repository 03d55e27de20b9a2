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

/** Shared set-up of the host tests: a real {@link PosixHost}, scratch memory, fds closed after each test. */
abstract class HostTestSupport {
    static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_NONBLOCK = 0x800,
        O_CLOEXEC = 0x80000, O_PATH = 0x200000;
    static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;
    static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLLIN = 1, EPOLL_CLOEXEC = 0x80000;
    static final int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
    static final long FIONREAD = 0x541B, TCGETS = 0x5401;
    static final int S_IFMT = 0xF000, S_IFREG = 0x8000, S_IFIFO = 0x1000;
    static final int STAT_SIZE = 144, STAT_MODE_OFFSET = 24, STAT_SIZE_OFFSET = 48;

    final PosixHost host = new PosixHost();
    final NativeMemory memory = host.memory();
    final List<Integer> fdsToClose = new ArrayList<>();
    long scratch;

    @TempDir
    Path tempDir;

    @BeforeEach
    void allocateScratch() {
        scratch = memory.allocate(4096);
    }

    @AfterEach
    void cleanUp() {
        for (int fd : fdsToClose) {
            host.close(fd);
        }
        memory.free(scratch);
    }

    int track(int fd) {
        assertTrue(fd >= 0, "host call failed: " + fd);
        fdsToClose.add(fd);
        return fd;
    }

    int[] pipe(int flags) {
        long both = host.pipe2(flags);
        assertTrue(both >= 0, "pipe2 failed: " + both);
        return new int[] {track((int) (both >>> 32)), track((int) both)};
    }

    void putString(long addr, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        memory.put(addr, bytes, 0, bytes.length);
    }

    String getString(long addr, int len) {
        byte[] bytes = new byte[len];
        memory.get(addr, bytes, 0, len);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
