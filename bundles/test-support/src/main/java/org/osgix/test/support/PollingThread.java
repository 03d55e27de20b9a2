package org.osgix.test.support;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;

/**
 * A guest thread for handler tests. {@link #awaitHostFd} polls the host fd in short slices and
 * answers -EINTR once the Java thread is interrupted: slower than the kernel's wake-up fd, but
 * the same contract.
 */
public final class PollingThread extends TestThread {
    private static final int SLICE_MILLIS = 10;

    private final Host host;
    private final GuestProcess process;

    /** The thread of {@code process} (its tid is the pid), polling through {@code host}. */
    public PollingThread(Host host, GuestProcess process) {
        this.host = host;
        this.process = process;
    }

    @Override
    public int tid() {
        return process.pid();
    }

    @Override
    public GuestProcess process() {
        return process;
    }

    @Override
    public int awaitHostFd(int hostFd, int events, long timeoutNanos) {
        long pollfd = host.memory().allocate(8);
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                if (Thread.interrupted()) {
                    return -Errno.EINTR;
                }
                host.memory().putInt(pollfd, hostFd);
                host.memory().putInt(pollfd + 4, events & 0xffff);
                int r = host.poll(pollfd, 1, SLICE_MILLIS);
                if (r > 0) {
                    return host.memory().getInt(pollfd + 4) >>> 16;
                }
                if (r < 0 && r != -Errno.EINTR) {
                    return r;
                }
                if (timeoutNanos >= 0 && System.nanoTime() - deadline >= 0) {
                    return 0;
                }
            }
        } finally {
            host.memory().free(pollfd);
        }
    }

    @Override
    public boolean isInterrupted() {
        return Thread.currentThread().isInterrupted();
    }
}
