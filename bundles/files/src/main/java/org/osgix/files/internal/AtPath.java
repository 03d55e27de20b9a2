package org.osgix.files.internal;

import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;

/**
 * A guest path resolved for one host *at() call: the host directory fd, the host path, and the
 * descriptions pinned so their host fds stay open until {@link #close()}. A failed resolution
 * carries the errno instead.
 */
final class AtPath implements AutoCloseable {
    static final AtPath NO_ENTRY = failure(Errno.ENOENT);
    static final AtPath BAD_FD = failure(Errno.EBADF);
    static final AtPath NOT_DIRECTORY = failure(Errno.ENOTDIR);

    private final int error;
    private final int hostDirFd;
    private final String hostPath;
    private final OpenFile pinnedDir;
    private final OpenFile pinnedTarget;

    private AtPath(int error, int hostDirFd, String hostPath, OpenFile pinnedDir, OpenFile pinnedTarget) {
        this.error = error;
        this.hostDirFd = hostDirFd;
        this.hostPath = hostPath;
        this.pinnedDir = pinnedDir;
        this.pinnedTarget = pinnedTarget;
    }

    static AtPath failure(int errno) {
        return new AtPath(-errno, Host.AT_FDCWD, null, null, null);
    }

    /** A host path needing no directory fd (absolute, or relative to the working directory). */
    static AtPath of(String hostPath) {
        return new AtPath(0, Host.AT_FDCWD, hostPath, null, null);
    }

    /** A path relative to a pinned directory description. */
    static AtPath under(OpenFile pinnedDir, String hostPath) {
        return new AtPath(0, pinnedDir.hostFd(), hostPath, pinnedDir, null);
    }

    /** A host path that names a pinned description's host fd (e.g. /proc/self/fd/N). */
    static AtPath naming(OpenFile pinnedTarget, String hostPath) {
        return new AtPath(0, Host.AT_FDCWD, hostPath, null, pinnedTarget);
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

    String hostPath() {
        return hostPath;
    }

    @Override
    public void close() {
        if (pinnedDir != null) {
            pinnedDir.unpin();
        }
        if (pinnedTarget != null) {
            pinnedTarget.unpin();
        }
    }
}
