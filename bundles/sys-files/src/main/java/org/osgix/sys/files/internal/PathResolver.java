package org.osgix.sys.files.internal;

import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;

/**
 * Turns guest paths into host paths and guest directory fds into host ones, as Linux *at() calls
 * resolve them: an absolute path ignores dirFd, AT_FDCWD means the working directory, any other
 * dirFd must be open (EBADF) and stays pinned until the result is closed. Guest-specific /proc
 * entries go to {@link ProcSelf}; under a {@link Sysroot} every other lookup is confined to it.
 * Every path of the family goes through this class.
 */
final class PathResolver {
    /** Linux PATH_MAX, including the NUL. */
    static final int PATH_MAX = GuestPaths.PATH_MAX;

    private final Host host;
    private final GuestPaths guestPaths;
    private final Scratch scratch;
    private final ProcSelf procSelf;
    private ProcessRoot lastRoot;

    PathResolver(Host host, Scratch scratch) {
        this.host = host;
        this.guestPaths = new GuestPaths(host.memory());
        this.scratch = scratch;
        this.procSelf = new ProcSelf(host, this, scratch);
    }

    ProcSelf procSelf() {
        return procSelf;
    }

    /**
     * Reads a guest path as a byte string (at most PATH_MAX - 1 bytes); null means ENAMETOOLONG.
     * A bad pointer throws GuestFault (EFAULT).
     */
    String read(SyscallContext call, long addr) {
        return guestPaths.read(call.memory(), addr);
    }

    /** The process's sysroot (opened on first use; the last process's is kept at hand). */
    Sysroot sysroot(SyscallContext call) {
        GuestProcess process = call.process();
        ProcessRoot cached = lastRoot;
        if (cached != null && cached.process() == process) {
            return cached.root();
        }
        Sysroot root = process.state(Sysroot.class, () -> Sysroot.open(host, process.option("sysroot")));
        lastRoot = new ProcessRoot(process, root);
        return root;
    }

    /** A process and its sysroot: immutable, so a racing reader sees a whole pair. */
    private record ProcessRoot(GuestProcess process, Sysroot root) {
    }

    /** The guest's view of a host absolute path (getcwd, /proc/self/fd links). */
    String toGuest(SyscallContext call, String hostPath) {
        return sysroot(call).toGuest(hostPath);
    }

    /**
     * Resolves {@code guestPath} relative to {@code dirFd}.
     *
     * @param emptyAllowed the call has AT_EMPTY_PATH (or is readlinkat): "" names dirFd itself
     * @param followLast false for AT_SYMLINK_NOFOLLOW and calls that act on a link itself
     */
    AtPath resolve(SyscallContext call, int dirFd, String guestPath, boolean emptyAllowed, boolean followLast) {
        return resolve(call, dirFd, guestPath, emptyAllowed, followLast, false);
    }

    /**
     * Resolves a path for open: under a sysroot the open itself must be the confined lookup (the
     * file may not exist yet), so the result carries openat2 RESOLVE flags instead of a host path.
     */
    AtPath resolveForOpen(SyscallContext call, int dirFd, String guestPath, boolean followLast) {
        return resolve(call, dirFd, guestPath, false, followLast, true);
    }

    /** A host call on a resolved path. */
    @FunctionalInterface
    interface PathCall {
        long apply(AtPath at);
    }

    /**
     * Reads the guest path at {@code pathAddr}, resolves it and runs {@code op} on it: the Linux
     * result, with ENAMETOOLONG and the lookup's own errors.
     */
    long withPath(SyscallContext call, int dirFd, long pathAddr, boolean emptyAllowed, boolean followLast,
            PathCall op) {
        String path = read(call, pathAddr);
        if (path == null) {
            return -Errno.ENAMETOOLONG;
        }
        try (AtPath at = resolve(call, dirFd, path, emptyAllowed, followLast)) {
            return at.failed() ? at.error() : op.apply(at);
        }
    }

    /** A host call on a host fd. */
    @FunctionalInterface
    interface FdCall {
        long apply(int hostFd);
    }

    /**
     * Runs {@code op} on the host fd of guest descriptor {@code fd}, pinned for the call: EBADF
     * when fd is not open, {@code noHostFd} when its description has no host file.
     */
    static long withFd(SyscallContext call, int fd, int noHostFd, FdCall op) {
        OpenFile file = call.fds().pinRaw(fd);
        if (file == null) {
            return -Errno.EBADF;
        }
        try {
            return file.hostFd() < 0 ? noHostFd : op.apply(file.hostFd());
        } finally {
            file.unpin();
        }
    }

    private AtPath resolve(SyscallContext call, int dirFd, String guestPath, boolean emptyAllowed,
            boolean followLast, boolean forOpen) {
        if (guestPath.isEmpty()) {
            if (!emptyAllowed) {
                return AtPath.NO_ENTRY;
            }
            return dirFd == Host.AT_FDCWD ? AtPath.of("") : underDirectory(call, dirFd, "");
        }
        Sysroot root = sysroot(call);
        if (guestPath.charAt(0) == '/') {
            AtPath special = procSelf.resolve(call, guestPath, followLast);
            if (special != null) {
                return special;
            }
            if (root.isIdentity()) {
                return AtPath.of(guestPath);
            }
            return forOpen ? root.forOpen(guestPath) : root.resolve(host, guestPath, followLast);
        }
        if (root.isIdentity()) {
            return dirFd == Host.AT_FDCWD ? AtPath.of(guestPath) : underDirectory(call, dirFd, guestPath);
        }
        // under a sysroot, a relative path continues the guest path of where it starts, so that
        // ".." can never climb out of the root
        GuestDirectory base = dirFd == Host.AT_FDCWD ? guestCwd(call) : guestPathOf(call, dirFd);
        if (base.error() != 0) {
            return AtPath.failure(-base.error());
        }
        String joined = base.path().endsWith("/") ? base.path() + guestPath : base.path() + "/" + guestPath;
        return forOpen ? root.forOpen(joined) : root.resolve(host, joined, followLast);
    }

    private AtPath underDirectory(SyscallContext call, int dirFd, String guestPath) {
        OpenFile dir = call.fds().pinRaw(dirFd);
        if (dir == null) {
            return AtPath.BAD_FD;
        }
        if (dir.hostFd() < 0) {
            dir.unpin(); // an fd without a host file (an epoll instance) is no directory
            return AtPath.NOT_DIRECTORY;
        }
        return AtPath.under(dir, guestPath);
    }

    /** A guest directory's path, or the negative errno that stops a lookup from it. */
    record GuestDirectory(String path, int error) {
        static GuestDirectory failure(int negativeErrno) {
            return new GuestDirectory(null, negativeErrno);
        }
    }

    /** The guest path of the working directory. */
    GuestDirectory guestCwd(SyscallContext call) {
        long n = host.getcwd(scratch.address(), PATH_MAX);
        if (n < 0) {
            return GuestDirectory.failure((int) n);
        }
        return new GuestDirectory(toGuest(call, hostString(scratch.address(), (int) n - 1)), 0);
    }

    /** The guest path of the directory behind a guest fd. */
    private GuestDirectory guestPathOf(SyscallContext call, int fd) {
        OpenFile dir = call.fds().pinRaw(fd);
        if (dir == null) {
            return GuestDirectory.failure(-Errno.EBADF);
        }
        try {
            if (dir.hostFd() < 0) {
                return GuestDirectory.failure(-Errno.ENOTDIR);
            }
            String target = hostLinkTarget(dir.hostFd());
            return target == null ? GuestDirectory.failure(-Errno.ENOENT) : new GuestDirectory(toGuest(call, target), 0);
        } finally {
            dir.unpin();
        }
    }

    /** The host's name for one of its fds (its /proc/self/fd link), or null. */
    String hostLinkTarget(int hostFd) {
        long buf = scratch.address();
        long n = host.readlinkat(Host.AT_FDCWD, GuestPaths.toHost("/proc/self/fd/" + hostFd), buf, PATH_MAX);
        return n < 0 ? null : hostString(buf, (int) n);
    }

    /** A byte string from host memory. */
    String hostString(long addr, int length) {
        byte[] bytes = scratch.bytes();
        scratch.memory().get(addr, bytes, 0, length);
        return GuestPaths.of(bytes, length);
    }
}
