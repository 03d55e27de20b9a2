package org.osgix.files.internal;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * statx, built from the host's {@code struct stat}: the basic statistics only (no birth time,
 * mount id or attributes), which is what programs fall back to on older kernels anyway.
 */
final class StatX {
    static final int STATX_SIZE = 256;
    static final int STATX_BASIC_STATS = 0x7ff;
    private static final int AT_NO_AUTOMOUNT = 0x800, AT_STATX_SYNC_TYPE = 0x6000;
    private static final int VALID_FLAGS = Host.AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | Host.AT_EMPTY_PATH
        | AT_STATX_SYNC_TYPE;
    private static final int STATX_RESERVED = 0x80000000;

    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    StatX(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    long statx(SyscallContext call) {
        int dirFd = (int) call.arg0();
        long pathAddr = call.arg1();
        int flags = (int) call.arg2();
        int mask = (int) call.arg3();
        long buf = call.arg4();
        if ((flags & ~VALID_FLAGS) != 0 || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE
                || (mask & STATX_RESERVED) != 0) {
            return -Errno.EINVAL;
        }
        long stat = scratch.address();
        int r = hostStat(call, dirFd, pathAddr, flags & ~AT_STATX_SYNC_TYPE, stat);
        if (r < 0) {
            return r;
        }
        long statx = stat + Scratch.SMALL;
        convert(scratch.memory(), stat, statx);
        byte[] bytes = scratch.bytes();
        scratch.memory().get(statx, bytes, 0, STATX_SIZE);
        call.memory().write(buf, bytes, 0, STATX_SIZE);
        return 0;
    }

    private int hostStat(SyscallContext call, int dirFd, long pathAddr, int flags, long stat) {
        boolean emptyPath = (flags & Host.AT_EMPTY_PATH) != 0
            && (pathAddr == 0 || call.memory().readByte(pathAddr) == 0);
        if (emptyPath && dirFd != Host.AT_FDCWD) {
            var file = PathResolver.pin(call, dirFd);
            if (file == null) {
                return -Errno.EBADF;
            }
            try {
                return host.fstat(file.hostFd(), stat);
            } finally {
                file.unpin();
            }
        }
        String path = emptyPath ? "" : PathResolver.readPath(call.memory(), pathAddr);
        if (path == null) {
            return -Errno.ENAMETOOLONG;
        }
        boolean follow = (flags & Host.AT_SYMLINK_NOFOLLOW) == 0;
        try (AtPath at = paths.resolve(call, dirFd, path, emptyPath, follow)) {
            return at.failed() ? at.error() : host.fstatat(at.hostDirFd(), at.hostPath(), stat, flags);
        }
    }

    /** struct stat (x86_64) at {@code st} → struct statx at {@code stx}. */
    static void convert(NativeMemory m, long st, long stx) {
        m.fill(stx, STATX_SIZE, (byte) 0);
        long dev = m.getLong(st);
        long rdev = m.getLong(st + 40);
        m.putInt(stx, STATX_BASIC_STATS);               // stx_mask
        m.putInt(stx + 4, (int) m.getLong(st + 56));    // stx_blksize
        m.putInt(stx + 16, (int) m.getLong(st + 16));   // stx_nlink
        m.putInt(stx + 20, m.getInt(st + 28));          // stx_uid
        m.putInt(stx + 24, m.getInt(st + 32));          // stx_gid
        int mode = m.getInt(st + 24);
        m.putByte(stx + 28, (byte) mode);               // stx_mode (u16)
        m.putByte(stx + 29, (byte) (mode >>> 8));
        m.putLong(stx + 32, m.getLong(st + 8));         // stx_ino
        m.putLong(stx + 40, m.getLong(st + 48));        // stx_size
        m.putLong(stx + 48, m.getLong(st + 64));        // stx_blocks
        timestamp(m, st + 72, stx + 64);                // stx_atime
        timestamp(m, st + 104, stx + 96);               // stx_ctime
        timestamp(m, st + 88, stx + 112);               // stx_mtime
        m.putInt(stx + 128, major(rdev));
        m.putInt(stx + 132, minor(rdev));
        m.putInt(stx + 136, major(dev));
        m.putInt(stx + 140, minor(dev));
    }

    /** struct timespec {sec, nsec} → struct statx_timestamp {s64 sec, u32 nsec, s32 pad}. */
    private static void timestamp(NativeMemory m, long timespec, long stamp) {
        m.putLong(stamp, m.getLong(timespec));
        m.putInt(stamp + 8, (int) m.getLong(timespec + 8));
    }

    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }
}
