package org.osgix.sys.socket.internal;

import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * Blocking socket calls without blocking the host thread: the host call is made with
 * MSG_DONTWAIT (or after readiness), and a guest that may wait waits interruptibly for the host
 * fd ({@code GuestThread.awaitHostFd}), for at most the socket's SO_RCVTIMEO / SO_SNDTIMEO.
 */
final class Blocking {
    private static final long NANOS_PER_MICRO = 1000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Host host;
    private final SocketScratch scratch;

    Blocking(Host host, SocketScratch scratch) {
        this.host = host;
        this.scratch = scratch;
    }

    /** True when a call on the description with these MSG_* flags waits for readiness. */
    static boolean waits(OpenFile file, int msgFlags) {
        return (msgFlags & SocketAbi.MSG_DONTWAIT) == 0 && (file.statusFlags() & OpenFile.O_NONBLOCK) == 0;
    }

    /**
     * Waits until the host fd reports {@code events}. Returns a positive value when ready,
     * -EAGAIN when the socket's timeout passed (as Linux's timed-out socket calls), -EINTR when
     * the thread was interrupted.
     */
    int await(SyscallContext call, int hostFd, int events) {
        long timeout = timeoutNanos(hostFd, events == Host.POLLOUT ? SocketAbi.SO_SNDTIMEO_OLD : SocketAbi.SO_RCVTIMEO_OLD);
        int r = call.thread().awaitHostFd(hostFd, events, timeout);
        if (r == 0) {
            return -Errno.EAGAIN;
        }
        return r < 0 ? -Errno.EINTR : r;
    }

    /** The socket's timeout option as nanoseconds; -1 (no timeout) when it is zero or unreadable. */
    private long timeoutNanos(int hostFd, int option) {
        long base = scratch.base();
        long value = base + SocketScratch.VALUE;
        long len = base + SocketScratch.LENGTH;
        scratch.memory().putInt(len, 16);
        if (host.getsockopt(hostFd, SocketAbi.SOL_SOCKET, option, value, len) < 0) {
            return -1;
        }
        long seconds = scratch.memory().getLong(value);
        long micros = scratch.memory().getLong(value + 8);
        if (seconds == 0 && micros == 0) {
            return -1;
        }
        return seconds >= Long.MAX_VALUE / NANOS_PER_SECOND ? -1 : seconds * NANOS_PER_SECOND + micros * NANOS_PER_MICRO;
    }
}
