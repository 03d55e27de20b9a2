package org.osgix.io.ioctl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.ioctl.IoctlRequests.FIOASYNC;
import static org.osgix.ioctl.IoctlRequests.FIOCLEX;
import static org.osgix.ioctl.IoctlRequests.FIONBIO;
import static org.osgix.ioctl.IoctlRequests.FIONREAD;
import static org.osgix.ioctl.IoctlRequests.TCGETS;
import static org.osgix.ioctl.IoctlRequests.TCSETS;
import static org.osgix.ioctl.IoctlRequests.TIOCGPTN;

import org.junit.jupiter.api.Test;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;

/** Every path, the failing ones included, leaves no host fd and no guest descriptor behind. */
class HostFdLeakTest {

    private static void workload(IoctlGuest guest) {
        int[] pipe = guest.pipe();
        int file = guest.open("/proc/self/exe", OpenFile.O_RDONLY, FileKind.REGULAR);
        int master = guest.open("/dev/ptmx", OpenFile.O_RDWR | OpenFile.O_NOCTTY, FileKind.TTY);
        long cell = guest.intCell(1);
        long termios = guest.alloc(64);
        for (int fd : new int[] {pipe[0], pipe[1], file, master}) {
            guest.ioctl(fd, FIONBIO, cell);
            guest.ioctl(fd, FIOASYNC, cell);
            guest.ioctl(fd, FIONREAD, cell);
            guest.ioctl(fd, FIONREAD, guest.unmapped());
            guest.ioctl(fd, FIOCLEX, 0);
            guest.ioctl(fd, TCGETS, termios);
            guest.ioctl(fd, TCSETS, guest.unmapped());
            guest.ioctl(fd, TIOCGPTN, guest.unmapped());
            guest.ioctl(fd, 0x1234, 0);
        }
        guest.fds.closeAll();
    }

    @Test
    void requestsLeaveNoHostFdBehind() {
        try (IoctlGuest guest = new IoctlGuest()) {
            workload(guest); // loads every class first: class loading opens jars
            int before = guest.host.openFdCount();
            for (int i = 0; i < 20; i++) {
                workload(guest);
            }
            assertEquals(0, guest.fds.size());
            // fewer is the JVM closing an fd of its own (a jar); more is a leak
            int after = guest.host.openFdCount();
            assertTrue(after <= before, "host fds leaked: " + before + " before, " + after + " after");
        }
    }
}
