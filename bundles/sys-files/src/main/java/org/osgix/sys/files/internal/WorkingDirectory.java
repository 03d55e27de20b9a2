package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * getcwd, chdir, fchdir. The guest's working directory is the host process's own (one guest
 * process per JVM), so relative host paths resolve exactly as the guest's do; getcwd shows it as
 * the guest sees it (inside its sysroot).
 */
final class WorkingDirectory {
    private final Host host;
    private final PathResolver paths;

    WorkingDirectory(Host host, PathResolver paths) {
        this.host = host;
        this.paths = paths;
    }

    /** The raw syscall: returns the length including the NUL; ERANGE when it does not fit. */
    long getcwd(SyscallContext call) {
        long buf = call.arg0();
        long size = call.arg1();
        PathResolver.GuestDirectory cwd = paths.guestCwd(call);
        if (cwd.error() == -Errno.ERANGE) {
            return -Errno.ENAMETOOLONG; // longer than a page, as Linux reports it
        }
        if (cwd.error() != 0) {
            return cwd.error();
        }
        byte[] bytes = GuestPaths.toHost(cwd.path());
        if (Long.compareUnsigned(bytes.length, size) > 0) {
            return -Errno.ERANGE;
        }
        call.memory().write(buf, bytes, 0, bytes.length);
        return bytes.length;
    }

    long chdir(SyscallContext call) {
        return paths.withPath(call, Host.AT_FDCWD, call.arg0(), false, true, at -> host.chdir(at.pathOnly()));
    }

    long fchdir(SyscallContext call) {
        return PathResolver.withFd(call, call.fdArg(0), -Errno.ENOTDIR, host::fchdir);
    }
}
