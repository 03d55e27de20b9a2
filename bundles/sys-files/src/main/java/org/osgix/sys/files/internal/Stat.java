package org.osgix.sys.files.internal;

import static org.osgix.syscall.FileStat.STAT_SIZE;

import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.FileStat;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * stat, lstat, fstat, newfstatat. The host writes the Linux x86_64 {@code struct stat} straight
 * into the guest buffer; only when that buffer is not writable does it go to scratch memory, so
 * the guest still sees the lookup's own error (ENOENT before EFAULT, as Linux does).
 */
final class Stat {
    private static final int VALID_FLAGS = Host.AT_SYMLINK_NOFOLLOW | Host.AT_EMPTY_PATH | 0x800 /* NO_AUTOMOUNT */;

    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    Stat(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    long stat(SyscallContext call) {
        return statPath(call, Host.AT_FDCWD, call.arg0(), call.arg1(), 0);
    }

    long lstat(SyscallContext call) {
        return statPath(call, Host.AT_FDCWD, call.arg0(), call.arg1(), Host.AT_SYMLINK_NOFOLLOW);
    }

    long fstat(SyscallContext call) {
        return statFd(call, call.fdArg(0), call.arg1());
    }

    long newfstatat(SyscallContext call) {
        int dirFd = call.fdArg(0);
        long pathAddr = call.arg1();
        long buf = call.arg2();
        int flags = call.intArg(3);
        if ((flags & ~VALID_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        // glibc's fstat is newfstatat(fd, "", AT_EMPTY_PATH); Linux 6.11+ also accepts a NULL path
        if ((flags & Host.AT_EMPTY_PATH) != 0 && (pathAddr == 0 || call.memory().readByte(pathAddr) == 0)) {
            return dirFd == Host.AT_FDCWD
                ? hostStatAt(call, Host.AT_FDCWD, new byte[] {0}, buf, Host.AT_EMPTY_PATH)
                : statFd(call, dirFd, buf);
        }
        return statPath(call, dirFd, pathAddr, buf, flags);
    }

    private long statPath(SyscallContext call, int dirFd, long pathAddr, long buf, int flags) {
        boolean follow = (flags & Host.AT_SYMLINK_NOFOLLOW) == 0;
        return paths.withPath(call, dirFd, pathAddr, false, follow,
            at -> hostStatAt(call, at.hostDirFd(), at.hostPath(), buf, flags));
    }

    /** fstat: the host writes straight into the guest's buffer (the layouts are the same). */
    private long statFd(SyscallContext call, int fd, long buf) {
        OpenFile file = call.fds().pinRaw(fd);
        if (file == null) {
            return -Errno.EBADF;
        }
        try {
            int hostFd = file.hostFd();
            if (hostFd < 0) {
                return -Errno.EBADF;
            }
            long h = call.memory().hostAddress(buf, STAT_SIZE, GuestMemory.PROT_WRITE);
            int r = host.fstat(hostFd, h < 0 ? scratch.address() : h);
            return h < 0 && r >= 0 ? -Errno.EFAULT : r;
        } finally {
            file.unpin();
        }
    }

    private long hostStatAt(SyscallContext call, int hostDirFd, byte[] hostPath, long buf, int flags) {
        long h = call.memory().hostAddress(buf, STAT_SIZE, GuestMemory.PROT_WRITE);
        int r = host.fstatat(hostDirFd, hostPath, h < 0 ? scratch.address() : h, flags);
        return h < 0 && r >= 0 ? -Errno.EFAULT : r;
    }
}
