package org.osgix.files.internal;

import java.nio.charset.StandardCharsets;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * getcwd, chdir, fchdir. The guest's working directory is the host process's own (one guest
 * process per JVM), so relative host paths resolve exactly as the guest's do.
 */
final class WorkingDirectory {
    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    WorkingDirectory(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    /** The raw syscall: returns the length including the NUL; ERANGE when it does not fit. */
    long getcwd(SyscallContext call) {
        long buf = call.arg0();
        long size = call.arg1();
        long n = host.getcwd(scratch.address(), PathResolver.PATH_MAX);
        if (n == -Errno.ERANGE) {
            return -Errno.ENAMETOOLONG; // longer than a page, as Linux reports it
        }
        if (n < 0) {
            return n;
        }
        byte[] bytes = scratch.bytes();
        scratch.memory().get(scratch.address(), bytes, 0, (int) n - 1);
        String hostCwd = new String(bytes, 0, (int) n - 1, StandardCharsets.UTF_8);
        String guestCwd = paths.toGuest(hostCwd);
        long length = guestCwd.getBytes(StandardCharsets.UTF_8).length + 1L;
        if (Long.compareUnsigned(length, size) > 0) {
            return -Errno.ERANGE;
        }
        return call.memory().writeCString(buf, guestCwd);
    }

    long chdir(SyscallContext call) {
        String path = PathResolver.readPath(call.memory(), call.arg0());
        if (path == null) {
            return -Errno.ENAMETOOLONG;
        }
        try (AtPath at = paths.resolve(call, Host.AT_FDCWD, path, false, true)) {
            return at.failed() ? at.error() : host.chdir(at.hostPath());
        }
    }

    long fchdir(SyscallContext call) {
        OpenFile dir = PathResolver.pin(call, (int) call.arg0());
        if (dir == null) {
            return -Errno.EBADF;
        }
        try {
            return dir.hostFd() < 0 ? -Errno.ENOTDIR : host.fchdir(dir.hostFd());
        } finally {
            dir.unpin();
        }
    }
}
