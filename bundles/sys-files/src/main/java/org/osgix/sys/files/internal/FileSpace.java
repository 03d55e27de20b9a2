package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/** truncate, ftruncate, fallocate, fadvise64: a file's size, its blocks and read-ahead advice. */
final class FileSpace {
    private final Host host;
    private final PathResolver paths;

    FileSpace(Host host, PathResolver paths) {
        this.host = host;
        this.paths = paths;
    }

    long truncate(SyscallContext call) {
        long length = call.arg1();
        if (length < 0) {
            return -Errno.EINVAL;
        }
        return paths.withPath(call, Host.AT_FDCWD, call.arg0(), false, true,
            at -> host.truncate(at.pathOnly(), length));
    }

    long ftruncate(SyscallContext call) {
        long length = call.arg1();
        if (length < 0) {
            return -Errno.EINVAL;
        }
        return PathResolver.withFd(call, call.fdArg(0), -Errno.EINVAL, hostFd -> host.ftruncate(hostFd, length));
    }

    long fallocate(SyscallContext call) {
        int mode = call.intArg(1);
        long offset = call.arg2();
        long length = call.arg3();
        return PathResolver.withFd(call, call.fdArg(0), -Errno.ENODEV,
            hostFd -> host.fallocate(hostFd, mode, offset, length));
    }

    long fadvise64(SyscallContext call) {
        long offset = call.arg1();
        long length = call.arg2();
        int advice = call.intArg(3);
        return PathResolver.withFd(call, call.fdArg(0), -Errno.ESPIPE,
            hostFd -> host.fadvise(hostFd, offset, length, advice));
    }
}
