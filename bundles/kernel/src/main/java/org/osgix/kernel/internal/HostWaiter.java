package org.osgix.kernel.internal;

import static org.osgix.syscall.PollFlags.POLLIN;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;

/**
 * An interruptible wait on a host fd: ppoll on the fd and a per-thread eventfd that
 * {@link #interrupt()} writes, so exit_group (and later signals) can end a blocked wait.
 */
final class HostWaiter {
    private static final int EFD_NONBLOCK_CLOEXEC = 0x800 | 0x80000;

    private final Host host;
    private final NativeMemory mem;
    private volatile boolean interrupted;
    private int wakeFd = -1;
    /** pollfd[2] followed by an 8-byte counter buffer. */
    private long buffer;

    HostWaiter(Host host) {
        this.host = host;
        this.mem = host.memory();
    }

    private synchronized boolean open() {
        if (buffer == 0) {
            int fd = host.eventfd(0, EFD_NONBLOCK_CLOEXEC);
            if (fd < 0) {
                return false;
            }
            wakeFd = fd;
            buffer = mem.allocate(32);
        }
        return true;
    }

    int await(int hostFd, int events, long timeoutNanos) {
        if (!open()) {
            return -Errno.ENOMEM;
        }
        long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
        while (true) {
            if (interrupted) {
                return -Errno.EINTR;
            }
            mem.putInt(buffer, hostFd);
            mem.putInt(buffer + 4, events & 0xffff);
            mem.putInt(buffer + 8, wakeFd);
            mem.putInt(buffer + 12, POLLIN);
            long left = timeoutNanos < 0 ? -1 : Math.max(0, deadline - System.nanoTime());
            int r = host.ppoll(buffer, 2, left);
            if (r == -Errno.EINTR) {
                continue; // a host signal, not a guest interruption
            }
            if (r < 0) {
                return r;
            }
            if ((mem.getInt(buffer + 12) >>> 16) != 0) {
                host.read(wakeFd, buffer + 16, 8);
                return -Errno.EINTR;
            }
            if (r == 0) {
                return 0;
            }
            return mem.getInt(buffer + 4) >>> 16;
        }
    }

    synchronized void interrupt() {
        interrupted = true;
        if (wakeFd >= 0) {
            mem.putLong(buffer + 24, 1);
            host.write(wakeFd, buffer + 24, 8);
        }
    }

    /** Ends the current or next wait with -EINTR once (a signal), without ending later ones. */
    synchronized void kick() {
        if (wakeFd >= 0) {
            mem.putLong(buffer + 24, 1);
            host.write(wakeFd, buffer + 24, 8);
        }
    }

    /** Forgets a kick no wait consumed (the signal it was for is being delivered now). */
    synchronized void clearKick() {
        if (wakeFd >= 0) {
            host.read(wakeFd, buffer + 24, 8); // non-blocking: EAGAIN when there was none
        }
    }

    synchronized void close() {
        if (wakeFd >= 0) {
            host.close(wakeFd);
            wakeFd = -1;
        }
        if (buffer != 0) {
            mem.free(buffer);
            buffer = 0;
        }
    }
}
