package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * readlink, readlinkat, symlink, symlinkat, link, linkat. A link target is read straight into the
 * guest buffer, truncated to its size and without a NUL as Linux does; a target written by
 * symlink is stored as the guest gave it (under a sysroot it is resolved in the root when used).
 */
final class Links {
    private static final int LINKAT_FLAGS = Host.AT_SYMLINK_FOLLOW | Host.AT_EMPTY_PATH;

    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    Links(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    long readlink(SyscallContext call) {
        return readlink(call, Host.AT_FDCWD, call.arg0(), call.arg1(), call.intArg(2));
    }

    long readlinkat(SyscallContext call) {
        return readlink(call, call.fdArg(0), call.arg1(), call.arg2(), call.intArg(3));
    }

    private long readlink(SyscallContext call, int dirFd, long pathAddr, long buf, int size) {
        if (size <= 0) {
            return -Errno.EINVAL;
        }
        String path = paths.read(call, pathAddr);
        if (path == null) {
            return -Errno.ENAMETOOLONG;
        }
        ProcSelf.Link special = path.startsWith("/") ? paths.procSelf().linkTarget(call, path) : null;
        if (special != null) {
            if (special.error() != 0) {
                return special.error();
            }
            byte[] target = GuestPaths.bytes(special.target());
            int n = Math.min(target.length, size);
            call.memory().write(buf, target, 0, n);
            return n;
        }
        // readlinkat(fd, "") reads the link an O_PATH fd refers to
        try (AtPath at = paths.resolve(call, dirFd, path, true, false)) {
            if (at.failed()) {
                return at.error();
            }
            long h = call.memory().hostAddress(buf, size, GuestMemory.PROT_WRITE);
            if (h >= 0) {
                return host.readlinkat(at.hostDirFd(), at.hostPath(), h, size);
            }
            // the lookup's error comes before EFAULT
            long n = host.readlinkat(at.hostDirFd(), at.hostPath(), scratch.address(), PathResolver.PATH_MAX);
            return n < 0 ? n : -Errno.EFAULT;
        }
    }

    long symlink(SyscallContext call) {
        return symlink(call, call.arg0(), Host.AT_FDCWD, call.arg1());
    }

    long symlinkat(SyscallContext call) {
        return symlink(call, call.arg0(), call.fdArg(1), call.arg2());
    }

    private long symlink(SyscallContext call, long targetAddr, int newDirFd, long linkAddr) {
        String target = paths.read(call, targetAddr);
        if (target == null) {
            return -Errno.ENAMETOOLONG;
        }
        if (target.isEmpty()) {
            return -Errno.ENOENT;
        }
        byte[] hostTarget = GuestPaths.toHost(target);
        return paths.withPath(call, newDirFd, linkAddr, false, false,
            at -> host.symlinkat(hostTarget, at.hostDirFd(), at.hostPath()));
    }

    long link(SyscallContext call) {
        return link(call, Host.AT_FDCWD, call.arg0(), Host.AT_FDCWD, call.arg1(), 0);
    }

    long linkat(SyscallContext call) {
        return link(call, call.fdArg(0), call.arg1(), call.fdArg(2), call.arg3(), call.intArg(4));
    }

    private long link(SyscallContext call, int oldDirFd, long oldAddr, int newDirFd, long newAddr, int flags) {
        if ((flags & ~LINKAT_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        boolean emptyOld = (flags & Host.AT_EMPTY_PATH) != 0;
        boolean followOld = (flags & Host.AT_SYMLINK_FOLLOW) != 0;
        return paths.withPath(call, oldDirFd, oldAddr, emptyOld, followOld,
            from -> paths.withPath(call, newDirFd, newAddr, false, false,
                to -> host.linkat(from.hostDirFd(), from.hostPath(), to.hostDirFd(), to.hostPath(),
                    // a path resolved to a /proc magic link must be followed to reach the file
                    followOld ? flags | Host.AT_SYMLINK_FOLLOW : flags)));
    }
}
