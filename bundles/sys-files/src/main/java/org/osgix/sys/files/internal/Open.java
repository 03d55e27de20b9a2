package org.osgix.sys.files.internal;

import static org.osgix.fd.OpenFile.O_ACCMODE;
import static org.osgix.fd.OpenFile.O_CLOEXEC;
import static org.osgix.fd.OpenFile.O_CREAT;
import static org.osgix.fd.OpenFile.O_NOCTTY;
import static org.osgix.fd.OpenFile.O_NOFOLLOW;
import static org.osgix.fd.OpenFile.O_NONBLOCK;
import static org.osgix.fd.OpenFile.O_PATH;
import static org.osgix.fd.OpenFile.O_RDWR;
import static org.osgix.fd.OpenFile.O_TRUNC;
import static org.osgix.fd.OpenFile.O_WRONLY;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * open, openat, openat2, creat: the host opens the file, the guest's table gets a description
 * owning it. Creation modes go to the host unmasked: the host process's umask is the guest's.
 */
final class Open {
    /** struct open_how {u64 flags; u64 mode; u64 resolve}: the size Linux 5.6 defined. */
    private static final int OPEN_HOW_SIZE = 24;

    private final Host host;
    private final PathResolver paths;
    private final FileKinds kinds;
    private final FifoOpen fifos;

    Open(Host host, PathResolver paths, FileKinds kinds, FifoOpen fifos) {
        this.host = host;
        this.paths = paths;
        this.kinds = kinds;
        this.fifos = fifos;
    }

    long openat(SyscallContext call) {
        return open(call, call.fdArg(0), call.arg1(), call.intArg(2), call.intArg(3), -1);
    }

    long open(SyscallContext call) {
        return open(call, Host.AT_FDCWD, call.arg0(), call.intArg(1), call.intArg(2), -1);
    }

    long creat(SyscallContext call) {
        return open(call, Host.AT_FDCWD, call.arg0(), O_CREAT | O_WRONLY | O_TRUNC, call.intArg(1), -1);
    }

    long openat2(SyscallContext call) {
        long how = call.arg2();
        long size = call.arg3();
        if (Long.compareUnsigned(size, OPEN_HOW_SIZE) < 0) {
            return -Errno.EINVAL;
        }
        if (Long.compareUnsigned(size, GuestPaths.PATH_MAX) > 0) {
            return -Errno.E2BIG;
        }
        // a larger struct from a newer program is fine as long as what we do not know is zero
        for (long at = OPEN_HOW_SIZE; at < size; at++) {
            if (call.memory().readByte(how + at) != 0) {
                return -Errno.E2BIG;
            }
        }
        long flags = call.memory().readLong(how);
        long mode = call.memory().readLong(how + 8);
        long resolve = call.memory().readLong(how + 16);
        if ((flags >>> 32) != 0 || (mode >>> 32) != 0 || resolve < 0) {
            return -Errno.EINVAL;
        }
        return open(call, call.fdArg(0), call.arg1(), (int) flags, (int) mode, resolve);
    }

    /** @param resolve openat2's RESOLVE flags, or -1 for the classic calls (lenient about modes and flags) */
    private long open(SyscallContext call, int dirFd, long pathAddr, int flags, int mode, long resolve) {
        String path = paths.read(call, pathAddr);
        if (path == null) {
            return -Errno.ENAMETOOLONG;
        }
        if (!path.isEmpty() && path.charAt(0) == '/' && resolve <= 0) {
            Integer special = paths.procSelf().open(call, path, flags);
            if (special != null) {
                return special;
            }
        }
        // The host fd is always close-on-exec (it must never leak into host children) and never
        // becomes the JVM's controlling tty; the guest's O_CLOEXEC lives in its descriptor slot.
        int hostFlags = flags | O_CLOEXEC | O_NOCTTY;
        int hostMode = mode;
        if (resolve < 0) {
            // a classic open ignores unknown flags, and the mode unless it creates; openat2
            // (used under a sysroot) refuses both, so they are cleaned first
            hostFlags &= FileKinds.VALID_OPEN_FLAGS; // what openat2 accepts; open ignores the rest
            hostMode = (flags & (O_CREAT | FileKinds.O_TMPFILE_ONLY)) != 0 ? mode & 07777 : 0;
        }
        int hostFd;
        try (AtPath at = paths.resolveForOpen(call, dirFd, path, (flags & O_NOFOLLOW) == 0)) {
            if (at.failed()) {
                return at.error();
            }
            long hostResolve = combinedResolve(at, resolve);
            if (mayWaitForPartner(flags)) {
                hostFd = fifos.open(at, hostFlags, hostMode, hostResolve);
            } else {
                hostFd = hostOpen(host, at, hostFlags, hostMode, hostResolve);
            }
        }
        if (hostFd < 0) {
            return hostFd;
        }
        return install(call, hostFd, flags, path);
    }

    /**
     * The RESOLVE flags of the host call: the sysroot's confinement and the guest's own. Under a
     * sysroot the guest's IN_ROOT/BENEATH are dropped: its path was already joined to its start.
     */
    private static long combinedResolve(AtPath at, long guestResolve) {
        if (at.resolve() == 0) {
            return guestResolve;
        }
        long own = guestResolve < 0 ? 0 : guestResolve & ~(Host.RESOLVE_IN_ROOT | Host.RESOLVE_BENEATH);
        return at.resolve() | own;
    }

    /** The host open: openat, or openat2 with {@code resolve} flags when there are any. */
    static int hostOpen(Host host, AtPath at, int flags, int mode, long resolve) {
        if (resolve >= 0) {
            return host.openat2(at.hostDirFd(), at.hostPath(), flags, mode, resolve);
        }
        return host.openat(at.hostDirFd(), at.hostPath(), flags, mode);
    }

    /** Only a blocking read-only or write-only open waits for a FIFO's other end. */
    private static boolean mayWaitForPartner(int flags) {
        int access = flags & O_ACCMODE;
        return (flags & (O_NONBLOCK | O_PATH)) == 0 && access != O_RDWR;
    }

    private int install(SyscallContext call, int hostFd, int flags, String path) {
        FileKinds.Description description = kinds.describe(hostFd, flags);
        if (description.statusFlags() < 0) {
            host.close(hostFd);
            return description.statusFlags();
        }
        return call.fds().open(description.kind(), hostFd, description.statusFlags(), path, null,
            (flags & O_CLOEXEC) != 0);
    }
}
