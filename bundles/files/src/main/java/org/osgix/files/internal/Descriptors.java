package org.osgix.files.internal;

import org.osgix.fd.OpenFile;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * close, dup, dup2, dup3: pure descriptor-table operations. Descriptor arguments are Linux
 * {@code unsigned int}s: the low 32 bits count, and a "negative" one is simply out of range.
 */
final class Descriptors {
    long close(SyscallContext call) {
        return call.fds().close((int) call.arg0());
    }

    long dup(SyscallContext call) {
        return call.fds().dup((int) call.arg0(), 0, false);
    }

    long dup2(SyscallContext call) {
        int newFd = (int) call.arg1();
        if (newFd < 0) {
            return -Errno.EBADF;
        }
        return call.fds().dup2((int) call.arg0(), newFd, false, false);
    }

    long dup3(SyscallContext call) {
        int oldFd = (int) call.arg0();
        int newFd = (int) call.arg1();
        int flags = (int) call.arg2();
        if ((flags & ~OpenFile.O_CLOEXEC) != 0 || oldFd == newFd) {
            return -Errno.EINVAL;
        }
        if (newFd < 0) {
            return -Errno.EBADF;
        }
        return call.fds().dup2(oldFd, newFd, (flags & OpenFile.O_CLOEXEC) != 0, true);
    }
}
