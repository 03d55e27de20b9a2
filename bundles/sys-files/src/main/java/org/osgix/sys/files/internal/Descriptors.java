package org.osgix.sys.files.internal;

import org.osgix.fd.OpenFile;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * close, close_range, dup, dup2, dup3: pure descriptor-table operations. Descriptor arguments are Linux
 * {@code unsigned int}s: the low 32 bits count, and a "negative" one is simply out of range.
 */
final class Descriptors {
    static final int CLOSE_RANGE_UNSHARE = 2, CLOSE_RANGE_CLOEXEC = 4;

    long close(SyscallContext call) {
        return call.fds().close(call.fdArg(0));
    }

    /**
     * close_range(first, last, flags). CLOSE_RANGE_UNSHARE needs nothing: threads share one
     * table and a process has its own.
     */
    long closeRange(SyscallContext call) {
        int flags = call.intArg(2);
        if ((call.arg2() >>> 32) != 0 || (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        return call.fds().closeRange(call.fdArg(0), call.fdArg(1), (flags & CLOSE_RANGE_CLOEXEC) != 0);
    }

    long dup(SyscallContext call) {
        return call.fds().dup(call.fdArg(0), 0, false);
    }

    long dup2(SyscallContext call) {
        int newFd = call.fdArg(1);
        if (newFd < 0) {
            return -Errno.EBADF;
        }
        return call.fds().dup2(call.fdArg(0), newFd, false, false);
    }

    long dup3(SyscallContext call) {
        int oldFd = call.fdArg(0);
        int newFd = call.fdArg(1);
        int flags = call.intArg(2);
        if ((flags & ~OpenFile.O_CLOEXEC) != 0 || oldFd == newFd) {
            return -Errno.EINVAL;
        }
        if (newFd < 0) {
            return -Errno.EBADF;
        }
        return call.fds().dup2(oldFd, newFd, (flags & OpenFile.O_CLOEXEC) != 0, true);
    }
}
