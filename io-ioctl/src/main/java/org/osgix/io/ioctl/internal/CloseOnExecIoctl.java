package org.osgix.io.ioctl.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * FIOCLEX / FIONCLEX: set or clear the descriptor's close-on-exec flag, in the guest's table (the
 * host fd is not involved). The flip is a compare-and-set on the generation of the slot the
 * family validated: if a concurrent close (or close and reopen of the number) won, the call fails
 * with EBADF, as a call ordered after that close would, and never touches another file's flag.
 */
final class CloseOnExecIoctl implements IoctlHandler {
    private final boolean cloexec;

    CloseOnExecIoctl(boolean cloexec) {
        this.cloexec = cloexec;
    }

    @Override
    public long ioctl(SyscallContext call, FdSnapshot descriptor, long request, long arg) {
        return call.fds().compareAndSetCloexec(descriptor, cloexec) ? 0 : -Errno.EBADF;
    }
}
