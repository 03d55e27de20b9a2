package org.osgix.files.internal;

import java.nio.charset.StandardCharsets;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * readlink, readlinkat: the target is read into scratch memory and then copied, truncated to the
 * guest's buffer size and without a NUL, as Linux does.
 */
final class Links {
    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    Links(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    long readlink(SyscallContext call) {
        return readlink(call, Host.AT_FDCWD, call.arg0(), call.arg1(), (int) call.arg2());
    }

    long readlinkat(SyscallContext call) {
        return readlink(call, (int) call.arg0(), call.arg1(), call.arg2(), (int) call.arg3());
    }

    private long readlink(SyscallContext call, int dirFd, long pathAddr, long buf, int size) {
        if (size <= 0) {
            return -Errno.EINVAL;
        }
        String path = PathResolver.readPath(call.memory(), pathAddr);
        if (path == null) {
            return -Errno.ENAMETOOLONG;
        }
        ProcSelf.Link special = path.startsWith("/") ? paths.procSelf().linkTarget(call, path) : null;
        if (special != null) {
            if (special.error() != 0) {
                return special.error();
            }
            byte[] target = special.target().getBytes(StandardCharsets.UTF_8);
            int n = Math.min(target.length, size);
            call.memory().write(buf, target, 0, n);
            return n;
        }
        long n;
        // readlinkat(fd, "") reads the link an O_PATH fd refers to
        try (AtPath at = paths.resolve(call, dirFd, path, true, false)) {
            if (at.failed()) {
                return at.error();
            }
            n = host.readlinkat(at.hostDirFd(), at.hostPath(), scratch.address(), PathResolver.PATH_MAX);
        }
        if (n < 0) {
            return n;
        }
        int copied = (int) Math.min(n, size);
        byte[] bytes = scratch.bytes();
        scratch.memory().get(scratch.address(), bytes, 0, copied);
        call.memory().write(buf, bytes, 0, copied);
        return copied;
    }
}
