package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * utimensat, and the older utimes, futimesat and utime converted to it. The guest's times are
 * copied to scratch memory as two {@code struct timespec}s; the host checks them (EINVAL for a bad
 * nanosecond field) exactly as Linux does.
 */
final class Times {
    private static final int AT_FLAGS = Host.AT_SYMLINK_NOFOLLOW | Host.AT_EMPTY_PATH;

    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    Times(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    long utimensat(SyscallContext call) {
        int dirFd = call.fdArg(0);
        long pathAddr = call.arg1();
        long timesAddr = call.arg2();
        int flags = call.intArg(3);
        long times = 0;
        if (timesAddr != 0) {
            times = timesBuffer();
            copyLongs(call, timesAddr, times, 4);
        }
        if ((flags & ~AT_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        return setTimes(call, dirFd, pathAddr, times, flags);
    }

    /** utimes(path, struct timeval[2]): microseconds become nanoseconds; NULL means now. */
    long utimes(SyscallContext call) {
        return fromTimevals(call, Host.AT_FDCWD, call.arg0(), call.arg1());
    }

    long futimesat(SyscallContext call) {
        return fromTimevals(call, call.fdArg(0), call.arg1(), call.arg2());
    }

    /** utime(path, struct utimbuf {actime, modtime}): whole seconds; NULL means now. */
    long utime(SyscallContext call) {
        long times = 0;
        if (call.arg1() != 0) {
            times = timesBuffer();
            NativeMemory m = scratch.memory();
            m.putLong(times, call.memory().readLong(call.arg1()));
            m.putLong(times + 8, 0);
            m.putLong(times + 16, call.memory().readLong(call.arg1() + 8));
            m.putLong(times + 24, 0);
        }
        return setTimes(call, Host.AT_FDCWD, call.arg0(), times, 0);
    }

    private long fromTimevals(SyscallContext call, int dirFd, long pathAddr, long timevals) {
        long times = 0;
        if (timevals != 0) {
            times = timesBuffer();
            copyLongs(call, timevals, times, 4);
            NativeMemory m = scratch.memory();
            for (int i = 0; i < 2; i++) {
                long micros = m.getLong(times + 16L * i + 8);
                if (micros < 0 || micros >= 1_000_000) {
                    return -Errno.EINVAL;
                }
                m.putLong(times + 16L * i + 8, micros * 1000);
            }
        }
        return setTimes(call, dirFd, pathAddr, times, 0);
    }

    private long setTimes(SyscallContext call, int dirFd, long pathAddr, long times, int flags) {
        if (pathAddr == 0) {
            // a NULL path sets the times of dirFd itself (futimens)
            if (dirFd == Host.AT_FDCWD) {
                return -Errno.EFAULT;
            }
            if ((flags & Host.AT_SYMLINK_NOFOLLOW) != 0) {
                return -Errno.EINVAL;
            }
            return PathResolver.withFd(call, dirFd, -Errno.EBADF, hostFd -> host.utimensat(hostFd, null, times, 0));
        }
        boolean emptyPath = (flags & Host.AT_EMPTY_PATH) != 0;
        boolean follow = (flags & Host.AT_SYMLINK_NOFOLLOW) == 0;
        return paths.withPath(call, dirFd, pathAddr, emptyPath, follow,
            at -> host.utimensat(at.hostDirFd(), at.hostPath(), times, flags));
    }

    /** Two timespecs in the scratch's small region (the large one may hold a path). */
    private long timesBuffer() {
        return scratch.address() + Scratch.SMALL;
    }

    private void copyLongs(SyscallContext call, long from, long to, int count) {
        for (int i = 0; i < count; i++) {
            scratch.memory().putLong(to + 8L * i, call.memory().readLong(from + 8L * i));
        }
    }
}
