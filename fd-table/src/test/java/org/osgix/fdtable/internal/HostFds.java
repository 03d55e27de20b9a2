package org.osgix.fdtable.internal;

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

    /** Whether {@code hostFd} is open in this process (fcntl F_GETFD works on any open fd). */
    boolean isOpen(int hostFd) {
        return host.fcntl(hostFd, Host.F_GETFD, 0) >= 0;
    }
}
