package org.osgix.files.internal;

import static org.osgix.files.internal.FileKinds.S_IFDIR;
import static org.osgix.files.internal.FileKinds.S_IFMT;
import static org.osgix.files.internal.FileKinds.ST_MODE;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * access, faccessat, faccessat2. The host layer has no access(2), so the check is made from the
 * file's mode bits and owner against the process's ids, as the kernel's generic permission
 * check does without ACLs, supplementary groups or read-only mounts.
 */
final class Access {
    static final int F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;
    static final int AT_EACCESS = 0x200;
    static final String NOTE = "checked from mode bits and owner: no ACLs, supplementary groups or EROFS";
    private static final int VALID_FLAGS = AT_EACCESS | Host.AT_SYMLINK_NOFOLLOW | Host.AT_EMPTY_PATH;
    private static final int ST_UID = 28, ST_GID = 32;

    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    Access(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    long access(SyscallContext call) {
        return check(call, Host.AT_FDCWD, call.arg0(), (int) call.arg1(), 0);
    }

    /** The old faccessat has no flags argument (whatever is in the fourth register is ignored). */
    long faccessat(SyscallContext call) {
        return check(call, (int) call.arg0(), call.arg1(), (int) call.arg2(), 0);
    }

    long faccessat2(SyscallContext call) {
        int flags = (int) call.arg3();
        if ((flags & ~VALID_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        return check(call, (int) call.arg0(), call.arg1(), (int) call.arg2(), flags);
    }

    private long check(SyscallContext call, int dirFd, long pathAddr, int mode, int flags) {
        if ((mode & ~(R_OK | W_OK | X_OK)) != 0) {
            return -Errno.EINVAL;
        }
        String path = PathResolver.readPath(call.memory(), pathAddr);
        if (path == null) {
            return -Errno.ENAMETOOLONG;
        }
        long stat = scratch.address();
        boolean emptyPath = (flags & Host.AT_EMPTY_PATH) != 0;
        boolean follow = (flags & Host.AT_SYMLINK_NOFOLLOW) == 0;
        int statFlags = flags & (Host.AT_SYMLINK_NOFOLLOW | Host.AT_EMPTY_PATH);
        int r;
        try (AtPath at = paths.resolve(call, dirFd, path, emptyPath, follow)) {
            if (at.failed()) {
                return at.error();
            }
            r = host.fstatat(at.hostDirFd(), at.hostPath(), stat, statFlags);
        }
        if (r < 0 || mode == F_OK) {
            return r;
        }
        boolean effective = (flags & AT_EACCESS) != 0;
        int uid = effective ? host.geteuid() : host.getuid();
        int gid = effective ? host.getegid() : host.getgid();
        return permitted(scratch.memory(), stat, mode, uid, gid) ? 0 : -Errno.EACCES;
    }

    /** The generic Unix permission check of {@code mode} (R/W/X bits) on a struct stat. */
    static boolean permitted(NativeMemory m, long stat, int mode, int uid, int gid) {
        int fileMode = m.getInt(stat + ST_MODE);
        if (uid == 0) {
            // root may read and write anything; it may execute only what someone may execute
            boolean executable = (fileMode & 0111) != 0 || (fileMode & S_IFMT) == S_IFDIR;
            return (mode & X_OK) == 0 || executable;
        }
        int granted;
        if (uid == m.getInt(stat + ST_UID)) {
            granted = (fileMode >>> 6) & 7;
        } else if (gid == m.getInt(stat + ST_GID)) {
            granted = (fileMode >>> 3) & 7;
        } else {
            granted = fileMode & 7;
        }
        return (mode & ~granted) == 0;
    }
}
