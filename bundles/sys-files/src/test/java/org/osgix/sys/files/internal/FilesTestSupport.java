package org.osgix.sys.files.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.osgix.fd.table.internal.LinuxFdTableFactory;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.GuestMemory;
import org.osgix.test.support.Guest;

/** Common set-up of the files family tests: a guest with the family registered, a temp dir. */
abstract class FilesTestSupport {
    static final long AT_FDCWD = Host.AT_FDCWD;
    static final int STAT_SIZE = 144, ST_INO = 8, ST_MODE = 24, ST_SIZE = 48;
    static final String EXECUTABLE = "/usr/bin/true";

    Guest guest;

    @TempDir
    Path dir;

    @BeforeEach
    void startGuest() {
        guest = newGuest();
    }

    /** The family over the real host and descriptor table, in 16 pages of memory. */
    static Guest newGuest() {
        Host host = new PosixHost();
        return new Guest(host, new LinuxFdTableFactory(host).newTable(1024), 16, EXECUTABLE, FilesFamily::register);
    }

    @AfterEach
    void stopGuest() {
        guest.close();
    }

    /** openat(AT_FDCWD, path, flags, mode) in the guest. */
    int open(String path, int flags, int mode) {
        return (int) guest.call("openat", AT_FDCWD, guest.string(path), flags, mode);
    }

    int open(Path path, int flags) {
        return open(path.toString(), flags, 0);
    }

    /** A guest fd that must be valid. */
    int openOk(Path path, int flags) {
        int fd = open(path, flags);
        assertTrue(fd >= 0, "open " + path + " failed: " + fd);
        return fd;
    }

    /** newfstatat(dirFd, path, buf, flags); returns the buffer address or fails the test. */
    long statBuffer() {
        return guest.alloc(STAT_SIZE);
    }

    /** An address no guest mapping covers. */
    long unmapped() {
        return guest.memory.end() + 5 * GuestMemory.PAGE_SIZE;
    }

    String hostPathOf(int fd) {
        return guest.file(fd).path();
    }
}
