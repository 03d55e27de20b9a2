package org.osgix.sys.io.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.fd.table.internal.LinuxFdTableFactory;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.GuestMemory;
import org.osgix.test.support.Guest;

/** Common set-up of the io family tests: descriptors are opened on the host and installed. */
abstract class IoTestSupport {
    static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

    Guest guest;

    @TempDir
    Path dir;

    @BeforeEach
    void startGuest() {
        Host host = new PosixHost();
        // 64 pages: the transfer tests move buffers of several pages
        guest = new Guest(host, new LinuxFdTableFactory(host).newTable(1024), 64, "/usr/bin/true", IoFamily::register);
    }

    @AfterEach
    void stopGuest() {
        guest.close();
    }

    /** Opens {@code path} on the host (close-on-exec) and installs it as a guest descriptor. */
    int open(Path path, int flags, FileKind kind) {
        int hostFd = guest.host.openat(Host.AT_FDCWD, path.toString(), flags | OpenFile.O_CLOEXEC, 0600);
        assertTrue(hostFd >= 0, "host open " + path + ": " + hostFd);
        return guest.install(hostFd, kind);
    }

    /** A guest pipe: {read, write}. */
    int[] pipe(int flags) {
        long fds = guest.host.pipe2(flags | OpenFile.O_CLOEXEC);
        assertTrue(fds >= 0, "pipe2: " + fds);
        return new int[] {guest.install((int) (fds >>> 32), FileKind.PIPE), guest.install((int) fds, FileKind.PIPE)};
    }

    /** Guest bytes holding {@code s}, without a NUL. */
    long bytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long addr = guest.alloc(b.length);
        guest.memory.write(addr, b, 0, b.length);
        return addr;
    }

    String text(long addr, long len) {
        return new String(guest.bytes(addr, (int) len), StandardCharsets.UTF_8);
    }

    /** An address no guest mapping covers. */
    long unmapped() {
        return guest.memory.end() + 5 * GuestMemory.PAGE_SIZE;
    }

    /** A page-aligned guest page followed by an inaccessible one. */
    long pageBeforeHole() {
        long page = guest.page();
        long hole = guest.page();
        guest.memory.protect(hole, GuestMemory.PAGE_SIZE, GuestMemory.PROT_NONE);
        return page;
    }
}
