package org.osgix.sys.poll.internal;

import org.osgix.engine.CpuRegister;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;

/**
 * A guest thread for the family's tests, usable from any Java thread. {@link #awaitHostFd} polls
 * in short slices and answers -EINTR once the calling Java thread is interrupted: the kernel's
 * contract, without its wake-up fd.
 */
final class TestThread implements GuestThread {
    private static final int SLICE_MILLIS = 5;

    private final Host host;
    private final GuestProcess process;

    TestThread(Host host, GuestProcess process) {
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
    public long clearChildTid() {
        return 0;
    }

    @Override
    public void setClearChildTid(long addr) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long robustListHead() {
        return 0;
    }

    @Override
    public long robustListLength() {
        return 0;
    }

    @Override
    public void setRobustList(long head, long len) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long register(CpuRegister reg) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setRegister(CpuRegister reg, long value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int awaitHostFd(int hostFd, int events, long timeoutNanos) {
        long pollfd = host.memory().allocate(8);
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
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

    @Override
    public void exit(int status) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException();
    }
}
