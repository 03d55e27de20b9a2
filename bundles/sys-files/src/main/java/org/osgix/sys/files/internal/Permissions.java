package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/** chmod, fchmod, fchmodat, fchmodat2, chown, lchown, fchown, fchownat: straight to the host. */
final class Permissions {
    private static final int AT_FLAGS = Host.AT_SYMLINK_NOFOLLOW | Host.AT_EMPTY_PATH;

    private final Host host;
    private final PathResolver paths;

    Permissions(Host host, PathResolver paths) {
        this.host = host;
        this.paths = paths;
    }

    long chmod(SyscallContext call) {
        return chmod(call, Host.AT_FDCWD, call.arg0(), call.intArg(1), 0);
    }

    /** The fchmodat syscall has no flags argument (glibc emulates AT_SYMLINK_NOFOLLOW itself). */
    long fchmodat(SyscallContext call) {
        return chmod(call, call.fdArg(0), call.arg1(), call.intArg(2), 0);
    }

    long fchmodat2(SyscallContext call) {
        int flags = call.intArg(3);
        if ((flags & ~AT_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        return chmod(call, call.fdArg(0), call.arg1(), call.intArg(2), flags);
    }

    private long chmod(SyscallContext call, int dirFd, long pathAddr, int mode, int flags) {
        boolean emptyPath = (flags & Host.AT_EMPTY_PATH) != 0;
        boolean follow = (flags & Host.AT_SYMLINK_NOFOLLOW) == 0;
        return paths.withPath(call, dirFd, pathAddr, emptyPath, follow,
            at -> host.fchmodat(at.hostDirFd(), at.hostPath(), mode & 07777, flags));
    }

    long fchmod(SyscallContext call) {
        int mode = call.intArg(1) & 07777;
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EBADF, hostFd -> host.fchmod(hostFd, mode));
    }

    long chown(SyscallContext call) {
        return chown(call, Host.AT_FDCWD, call.arg0(), call.intArg(1), call.intArg(2), 0);
    }

    long lchown(SyscallContext call) {
        return chown(call, Host.AT_FDCWD, call.arg0(), call.intArg(1), call.intArg(2), Host.AT_SYMLINK_NOFOLLOW);
    }

    long fchownat(SyscallContext call) {
        int flags = call.intArg(4);
        if ((flags & ~AT_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        return chown(call, call.fdArg(0), call.arg1(), call.intArg(2), call.intArg(3), flags);
    }

    private long chown(SyscallContext call, int dirFd, long pathAddr, int uid, int gid, int flags) {
        boolean emptyPath = (flags & Host.AT_EMPTY_PATH) != 0;
        boolean follow = (flags & Host.AT_SYMLINK_NOFOLLOW) == 0;
        return paths.withPath(call, dirFd, pathAddr, emptyPath, follow,
            at -> host.fchownat(at.hostDirFd(), at.hostPath(), uid, gid, flags));
    }

    long fchown(SyscallContext call) {
        int uid = call.intArg(1);
        int gid = call.intArg(2);
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EBADF, hostFd -> host.fchown(hostFd, uid, gid));
    }
}
