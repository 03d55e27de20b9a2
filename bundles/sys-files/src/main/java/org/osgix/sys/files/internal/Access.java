package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * access, faccessat, faccessat2: the host's own permission check (ACLs, read-only mounts,
 * capabilities), made for the host process, whose ids are the guest's.
 */
final class Access {
    static final int F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;
    static final int AT_EACCESS = 0x200;
    private static final int VALID_FLAGS = AT_EACCESS | Host.AT_SYMLINK_NOFOLLOW | Host.AT_EMPTY_PATH;

    private final Host host;
    private final PathResolver paths;

    Access(Host host, PathResolver paths) {
        this.host = host;
        this.paths = paths;
    }

    long access(SyscallContext call) {
        return check(call, Host.AT_FDCWD, call.arg0(), call.intArg(1), 0);
    }

    /** The old faccessat has no flags argument (whatever is in the fourth register is ignored). */
    long faccessat(SyscallContext call) {
        return check(call, call.fdArg(0), call.arg1(), call.intArg(2), 0);
    }

    long faccessat2(SyscallContext call) {
        return check(call, call.fdArg(0), call.arg1(), call.intArg(2), call.intArg(3));
    }

    private long check(SyscallContext call, int dirFd, long pathAddr, int mode, int flags) {
        // Linux refuses bad modes and flags before it reads the path
        if ((mode & ~(R_OK | W_OK | X_OK)) != 0 || (flags & ~VALID_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        boolean emptyPath = (flags & Host.AT_EMPTY_PATH) != 0;
        boolean follow = (flags & Host.AT_SYMLINK_NOFOLLOW) == 0;
        return paths.withPath(call, dirFd, pathAddr, emptyPath, follow,
            at -> host.faccessat2(at.hostDirFd(), at.hostPath(), mode, flags));
    }
}
