package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * statx: the host's own statx writes straight into the guest buffer (birth time, mount id and
 * attributes included), or into scratch memory when the buffer is not writable so the lookup's
 * error still comes first.
 */
final class StatX {
    static final int STATX_SIZE = 256;
    /** AT_STATX_SYNC_TYPE: both of its bits at once is no valid sync type. */
    private static final int SYNC_TYPE = 0x6000;
    private static final int VALID_FLAGS = Host.AT_SYMLINK_NOFOLLOW | 0x800 /* NO_AUTOMOUNT */ | Host.AT_EMPTY_PATH | SYNC_TYPE;
    /** STATX__RESERVED: a mask bit kept for a later struct statx. */
    private static final int MASK_RESERVED = 0x80000000;

    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    StatX(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    long statx(SyscallContext call) {
        int dirFd = call.fdArg(0);
        long pathAddr = call.arg1();
        int flags = call.intArg(2);
        int mask = call.intArg(3);
        long buf = call.arg4();
        // Linux rejects bad flags and masks before it reads the path
        if ((flags & ~VALID_FLAGS) != 0 || (flags & SYNC_TYPE) == SYNC_TYPE || (mask & MASK_RESERVED) != 0) {
            return -Errno.EINVAL;
        }
        boolean emptyPath = (flags & Host.AT_EMPTY_PATH) != 0
            && (pathAddr == 0 || call.memory().readByte(pathAddr) == 0);
        if (emptyPath && dirFd != Host.AT_FDCWD) {
            return PathResolver.withFd(call, dirFd, -Errno.EBADF,
                hostFd -> hostStatx(call, hostFd, new byte[] {0}, flags, mask, buf));
        }
        if (emptyPath) {
            return hostStatx(call, Host.AT_FDCWD, new byte[] {0}, flags, mask, buf);
        }
        boolean follow = (flags & Host.AT_SYMLINK_NOFOLLOW) == 0;
        return paths.withPath(call, dirFd, pathAddr, false, follow,
            at -> hostStatx(call, at.hostDirFd(), at.hostPath(), flags, mask, buf));
    }

    private long hostStatx(SyscallContext call, int hostDirFd, byte[] hostPath, int flags, int mask, long buf) {
        long h = call.memory().hostAddress(buf, STATX_SIZE, GuestMemory.PROT_WRITE);
        int r = host.statx(hostDirFd, hostPath, flags, mask, h < 0 ? scratch.address() : h);
        return h < 0 && r >= 0 ? -Errno.EFAULT : r;
    }

    /** The major number of a Linux (glibc-encoded) dev_t. */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }
}
