package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * flock. A blocking request could not be interrupted in the host, so it is retried without
 * blocking, with a growing pause, until it succeeds or the guest thread is interrupted (EINTR).
 */
final class Flock {
    static final int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
    private static final long MAX_BACKOFF_MILLIS = 50;

    private final Host host;

    Flock(Host host) {
        this.host = host;
    }

    long flock(SyscallContext call) {
        int fd = call.fdArg(0);
        int operation = call.intArg(1);
        if ((operation & LOCK_NB) != 0 || (operation & ~LOCK_NB) == LOCK_UN) {
            return PathResolver.withFd(call, fd, -Errno.EINVAL, hostFd -> host.flock(hostFd, operation));
        }
        long pause = 1;
        while (true) {
            long r = PathResolver.withFd(call, fd, -Errno.EINVAL, hostFd -> host.flock(hostFd, operation | LOCK_NB));
            if (r != -Errno.EAGAIN) {
                return r;
            }
            if (call.thread().isInterrupted()) {
                return -Errno.EINTR;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return -Errno.EINTR;
            }
            pause = Math.min(pause * 2, MAX_BACKOFF_MILLIS);
        }
    }
}
