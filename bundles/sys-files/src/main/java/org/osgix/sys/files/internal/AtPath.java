package org.osgix.sys.files.internal;

import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;

/**
 * A guest path resolved for one host *at() call: the host directory fd, the host path (NUL-
 * terminated bytes), what must stay alive until {@link #close()} (pinned descriptions, a host fd
 * the resolution opened) and, under a sysroot, the openat2 RESOLVE flags an open must use. A
 * failed resolution carries the errno instead.
 */
final class AtPath implements AutoCloseable {
    static final AtPath NO_ENTRY = failure(Errno.ENOENT);
    static final AtPath BAD_FD = failure(Errno.EBADF);
    static final AtPath NOT_DIRECTORY = failure(Errno.ENOTDIR);
    private static final byte[] EMPTY = {0};

    private final int error;
    private final int hostDirFd;
    private final byte[] hostPath;
    private final long resolve;
    private final OpenFile pinned;
    private final Host owner;
    private final int ownedFd;

    private AtPath(int error, int hostDirFd, byte[] hostPath, long resolve, OpenFile pinned, Host owner, int ownedFd) {
        this.error = error;
        this.hostDirFd = hostDirFd;
        this.hostPath = hostPath;
        this.resolve = resolve;
        this.pinned = pinned;
        this.owner = owner;
        this.ownedFd = ownedFd;
    }

    static AtPath failure(int errno) {
        return new AtPath(-errno, Host.AT_FDCWD, null, 0, null, null, -1);
    }

    /** A host path needing no directory fd (absolute, or relative to the working directory). */
    static AtPath of(String hostPath) {
        return new AtPath(0, Host.AT_FDCWD, GuestPaths.toHost(hostPath), 0, null, null, -1);
    }

    /** A path relative to a pinned directory description ("" names the description itself). */
    static AtPath under(OpenFile pinnedDir, String hostPath) {
        return new AtPath(0, pinnedDir.hostFd(), hostPath.isEmpty() ? EMPTY : GuestPaths.toHost(hostPath), 0,
            pinnedDir, null, -1);
    }

    /** A host path that names a pinned description's host fd (e.g. /proc/self/fd/N). */
    static AtPath naming(OpenFile pinnedTarget, String hostPath) {
        return new AtPath(0, Host.AT_FDCWD, GuestPaths.toHost(hostPath), 0, pinnedTarget, null, -1);
    }

    /** A path relative to a host fd the resolution opened; {@link #close()} closes it. */
    static AtPath owning(Host host, int hostFd, String hostPath) {
        return new AtPath(0, hostFd, GuestPaths.toHost(hostPath), 0, null, host, hostFd);
    }

    /** The host fd itself, through its /proc magic link, which every path call follows. */
    static AtPath owningMagicLink(Host host, int hostFd) {
        return new AtPath(0, Host.AT_FDCWD, GuestPaths.toHost("/proc/self/fd/" + hostFd), 0, null, host, hostFd);
    }

    /** A path inside a sysroot: open it with openat2 and these RESOLVE flags (rootFd is not owned). */
    static AtPath inRoot(int rootFd, String guestPath, long resolve) {
        return new AtPath(0, rootFd, GuestPaths.toHost(guestPath), resolve, null, null, -1);
    }

    boolean failed() {
        return error != 0;
    }

    /** The negative errno of a failed resolution. */
    int error() {
        return error;
    }

    int hostDirFd() {
        return hostDirFd;
    }

    /** The NUL-terminated host path. */
    byte[] hostPath() {
        return hostPath;
    }

    /** True when the path is the empty string (the directory fd itself, with AT_EMPTY_PATH). */
    boolean isEmpty() {
        return hostPath != null && hostPath.length == 1;
    }

    /**
     * The host path for calls that take no directory fd (truncate, statfs, xattrs): the path
     * itself, or the name under the directory fd's /proc magic link.
     */
    byte[] pathOnly() {
        if (hostDirFd == Host.AT_FDCWD) {
            return hostPath;
        }
        byte[] prefix = GuestPaths.toHost("/proc/self/fd/" + hostDirFd + "/");
        byte[] joined = new byte[prefix.length - 1 + hostPath.length];
        System.arraycopy(prefix, 0, joined, 0, prefix.length - 1);
        System.arraycopy(hostPath, 0, joined, prefix.length - 1, hostPath.length);
        return joined;
    }

    /** The openat2 RESOLVE flags an open must use, or 0 for a plain openat. */
    long resolve() {
        return resolve;
    }

    @Override
    public void close() {
        if (pinned != null) {
            pinned.unpin();
        }
        if (owner != null) {
            owner.close(ownedFd);
        }
    }
}
