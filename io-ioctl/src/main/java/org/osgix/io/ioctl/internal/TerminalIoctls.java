package org.osgix.io.ioctl.internal;

import static org.osgix.io.ioctl.internal.HostPassThroughIoctl.Argument.IN;
import static org.osgix.io.ioctl.internal.HostPassThroughIoctl.Argument.OUT;
import static org.osgix.io.ioctl.internal.HostPassThroughIoctl.Argument.VALUE;
import static org.osgix.ioctl.IoctlRequests.TCFLSH;
import static org.osgix.ioctl.IoctlRequests.TCGETS;
import static org.osgix.ioctl.IoctlRequests.TCSETS;
import static org.osgix.ioctl.IoctlRequests.TCSETSF;
import static org.osgix.ioctl.IoctlRequests.TCSETSW;
import static org.osgix.ioctl.IoctlRequests.TIOCGPGRP;
import static org.osgix.ioctl.IoctlRequests.TIOCGPTLCK;
import static org.osgix.ioctl.IoctlRequests.TIOCGPTN;
import static org.osgix.ioctl.IoctlRequests.TIOCGSID;
import static org.osgix.ioctl.IoctlRequests.TIOCGWINSZ;
import static org.osgix.ioctl.IoctlRequests.TIOCNOTTY;
import static org.osgix.ioctl.IoctlRequests.TIOCOUTQ;
import static org.osgix.ioctl.IoctlRequests.TIOCSCTTY;
import static org.osgix.ioctl.IoctlRequests.TIOCSPGRP;
import static org.osgix.ioctl.IoctlRequests.TIOCSPTLCK;
import static org.osgix.ioctl.IoctlRequests.TIOCSWINSZ;

import org.osgix.host.Host;
import org.osgix.ioctl.IoctlRegistrations;

/**
 * The terminal and pseudo-terminal requests, passed to the host tty. Process ids in them need no
 * translation: a guest process's pid is its host pid, and its process group and session are its
 * runtime's host ones (the foreground group, the controlling terminal). On a file that is not a terminal the host
 * answers ENOTTY, as Linux does.
 */
final class TerminalIoctls {
    /** struct termios as the kernel sees it (glibc's is larger; the kernel copies 36 bytes). */
    static final int TERMIOS_SIZE = 36;
    static final int WINSIZE_SIZE = 8;
    static final int PID_SIZE = 4;
    static final int INT_SIZE = 4;
    /** "Is it a terminal?": the probe of every set request that reads a structure. */
    private static final long IS_TERMINAL = TCGETS;

    private TerminalIoctls() {
    }

    static IoctlRegistrations register(IoctlRegistrations regs, Host host, HostScratch scratch) {
        return regs
            .add("TCGETS", query(host, scratch, TERMIOS_SIZE), TCGETS)
            .add("TCSETS", change(host, scratch, TERMIOS_SIZE, IS_TERMINAL), TCSETS, TCSETSW, TCSETSF)
            .add("TIOCGWINSZ", query(host, scratch, WINSIZE_SIZE), TIOCGWINSZ)
            .add("TIOCSWINSZ", change(host, scratch, WINSIZE_SIZE, IS_TERMINAL), TIOCSWINSZ)
            .add("TIOCGPGRP", query(host, scratch, PID_SIZE), TIOCGPGRP)
            .add("TIOCSPGRP", change(host, scratch, PID_SIZE, IS_TERMINAL), TIOCSPGRP)
            .add("TIOCGSID", query(host, scratch, PID_SIZE), TIOCGSID)
            .add("TIOCOUTQ", query(host, scratch, INT_SIZE), TIOCOUTQ)
            .add("TIOCSCTTY", value(host, scratch), TIOCSCTTY)
            // the runtime's host session is the guest's: a leader's TIOCNOTTY SIGHUPs the host
            // foreground group, which the runtimes forward to their guests
            .add("TIOCNOTTY", value(host, scratch), TIOCNOTTY)
            .add("TCFLSH", value(host, scratch), TCFLSH)
            .add("TIOCGPTN", query(host, scratch, INT_SIZE), TIOCGPTN)
            .add("TIOCGPTLCK", query(host, scratch, INT_SIZE), TIOCGPTLCK)
            .add("TIOCSPTLCK", change(host, scratch, INT_SIZE, TIOCGPTLCK), TIOCSPTLCK);
    }

    private static HostPassThroughIoctl query(Host host, HostScratch scratch, int size) {
        return new HostPassThroughIoctl(host, scratch, OUT, size, 0);
    }

    private static HostPassThroughIoctl change(Host host, HostScratch scratch, int size, long probe) {
        return new HostPassThroughIoctl(host, scratch, IN, size, probe);
    }

    private static HostPassThroughIoctl value(Host host, HostScratch scratch) {
        return new HostPassThroughIoctl(host, scratch, VALUE, 0, 0);
    }
}
