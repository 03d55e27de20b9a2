package org.osgix.fd.table.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;

/** Real host fds for the tests, made and checked through the real host layer. */
final class HostFds {
    static final int EFD_CLOEXEC = 0x80000;
    static final int O_CLOEXEC = 0x80000;

    final Host host = new PosixHost();

    /** A fresh host eventfd (close-on-exec on the host, so nothing leaks into children). */
    int eventFd() {
        int fd = host.eventfd(0, EFD_CLOEXEC);
        assertTrue(fd >= 0, "eventfd failed: " + fd);
        return fd;
    }

    /**
     * The number of host eventfds open in this process: the tests' own host fds, which (unlike
     * the JVM's jar and socket fds) nothing else opens behind their back.
     */
    int eventFdCount() {
        java.io.File[] entries = new java.io.File("/proc/self/fd").listFiles();
        int count = 0;
        for (java.io.File entry : entries) {
            try {
                if (java.nio.file.Files.readSymbolicLink(entry.toPath()).toString().equals("anon_inode:[eventfd]")) {
                    count++;
                }
            } catch (java.io.IOException e) {
                // closed while listing (the listing's own fd): not an eventfd
            }
        }
        return count;
    }

    /** Whether {@code hostFd} is open in this process (fcntl F_GETFD works on any open fd). */
    boolean isOpen(int hostFd) {
        return host.fcntl(hostFd, Host.F_GETFD, 0) >= 0;
    }
}
