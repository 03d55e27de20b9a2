package org.osgix.io.ioctl.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.ioctl.IoctlRequests;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * The ioctl syscall: checks the descriptor, pins its description, and hands the call to the
 * handler the whiteboard ranks first for the request and the descriptor's kind.
 */
final class IoctlDispatch {
    private final IoctlWhiteboard whiteboard;
    private final OpathCloexecCompat compat;

    IoctlDispatch(IoctlWhiteboard whiteboard, OpathCloexecCompat compat) {
        this.whiteboard = whiteboard;
        this.compat = compat;
    }

    long ioctl(SyscallContext call) {
        // Linux's fd and request are unsigned ints: the upper halves of the registers are ignored
        FdSnapshot slot = call.fds().get(call.fdArg(0));
        long request = call.uintArg(1);
        if (slot == null) {
            return -Errno.EBADF;
        }
        OpenFile file = slot.file();
        FileKind kind = file.kind();
        if (kind == FileKind.PATH && !(isCloexecRequest(request) && compat.enabledFor(call.process()))) {
            return -Errno.EBADF;
        }
        if (slot.pin() == null) {
            return -Errno.EBADF;
        }
        try {
            IoctlHandler handler = whiteboard.lookup(request, kind);
            return handler == null ? -Errno.ENOTTY : handler.ioctl(call, slot, request, call.arg2());
        } finally {
            file.unpin();
        }
    }

    private static boolean isCloexecRequest(long request) {
        return request == IoctlRequests.FIOCLEX || request == IoctlRequests.FIONCLEX;
    }
}
