package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * Creating, removing and renaming names: mkdir, mkdirat, mknod, mknodat, unlink, unlinkat,
 * rmdir, rename, renameat, renameat2. None of them follows a last symlink.
 */
final class Names {
    private static final int RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

    private final Host host;
    private final PathResolver paths;

    Names(Host host, PathResolver paths) {
        this.host = host;
        this.paths = paths;
    }

    long mkdir(SyscallContext call) {
        return mkdir(call, Host.AT_FDCWD, call.arg0(), call.intArg(1));
    }

    long mkdirat(SyscallContext call) {
        return mkdir(call, call.fdArg(0), call.arg1(), call.intArg(2));
    }

    private long mkdir(SyscallContext call, int dirFd, long pathAddr, int mode) {
        return paths.withPath(call, dirFd, pathAddr, false, false,
            at -> host.mkdirat(at.hostDirFd(), at.hostPath(), mode & 07777));
    }

    long mknod(SyscallContext call) {
        return mknod(call, Host.AT_FDCWD, call.arg0(), call.intArg(1), call.arg2());
    }

    long mknodat(SyscallContext call) {
        return mknod(call, call.fdArg(0), call.arg1(), call.intArg(2), call.arg3());
    }

    /** The device number is the kernel's 32-bit encoding, which glibc passes on unchanged. */
    private long mknod(SyscallContext call, int dirFd, long pathAddr, int mode, long dev) {
        long device = dev & 0xffff_ffffL;
        return paths.withPath(call, dirFd, pathAddr, false, false,
            at -> host.mknodat(at.hostDirFd(), at.hostPath(), mode, device));
    }

    long unlink(SyscallContext call) {
        return unlink(call, Host.AT_FDCWD, call.arg0(), 0);
    }

    long rmdir(SyscallContext call) {
        return unlink(call, Host.AT_FDCWD, call.arg0(), Host.AT_REMOVEDIR);
    }

    long unlinkat(SyscallContext call) {
        int flags = call.intArg(2);
        if ((flags & ~Host.AT_REMOVEDIR) != 0) {
            return -Errno.EINVAL;
        }
        return unlink(call, call.fdArg(0), call.arg1(), flags);
    }

    private long unlink(SyscallContext call, int dirFd, long pathAddr, int flags) {
        return paths.withPath(call, dirFd, pathAddr, false, false,
            at -> host.unlinkat(at.hostDirFd(), at.hostPath(), flags));
    }

    long rename(SyscallContext call) {
        return rename(call, Host.AT_FDCWD, call.arg0(), Host.AT_FDCWD, call.arg1(), 0);
    }

    long renameat(SyscallContext call) {
        return rename(call, call.fdArg(0), call.arg1(), call.fdArg(2), call.arg3(), 0);
    }

    long renameat2(SyscallContext call) {
        int flags = call.intArg(4);
        if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0
                || (flags & RENAME_NOREPLACE) != 0 && (flags & RENAME_EXCHANGE) != 0
                || (flags & RENAME_EXCHANGE) != 0 && (flags & RENAME_WHITEOUT) != 0) {
            return -Errno.EINVAL;
        }
        return rename(call, call.fdArg(0), call.arg1(), call.fdArg(2), call.arg3(), flags);
    }

    private long rename(SyscallContext call, int oldDirFd, long oldAddr, int newDirFd, long newAddr, int flags) {
        return paths.withPath(call, oldDirFd, oldAddr, false, false,
            from -> paths.withPath(call, newDirFd, newAddr, false, false,
                to -> host.renameat2(from.hostDirFd(), from.hostPath(), to.hostDirFd(), to.hostPath(), flags)));
    }
}
