package org.osgix.sys.files.internal;

import java.nio.charset.StandardCharsets;
import org.osgix.exec.ExecRequest;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * execve and execveat: the path is looked up as open looks it up (working directory or dirfd,
 * the sysroot, the guest's /proc/self), the checks of the open Linux does first are made here
 * (ENOENT, ENOTDIR, ELOOP, EACCES for a non-regular file or one without execute permission),
 * then argv and envp are read (EFAULT, E2BIG) and the process replaces its program
 * ({@code GuestProcess.execve}: format errors, the interpreter, the new image).
 */
final class Execve {
    static final String NOTE = "the new program runs in the same process (pid kept); "
        + "ELF interpreters and #! interpreters are host paths, not under --sysroot";
    private static final int VALID_FLAGS = Host.AT_EMPTY_PATH | Host.AT_SYMLINK_NOFOLLOW;
    private static final int ST_MODE = 24, S_IFMT = 0xF000, S_IFREG = 0x8000, S_IFLNK = 0xA000;
    private static final int X_OK = 1;

    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    Execve(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    long execve(SyscallContext call) {
        return exec(call, Host.AT_FDCWD, call.addressArg(0), call.addressArg(1), call.addressArg(2), 0);
    }

    long execveat(SyscallContext call) {
        return exec(call, call.fdArg(0), call.addressArg(1), call.addressArg(2), call.addressArg(3), call.intArg(4));
    }

    private long exec(SyscallContext call, int dirFd, long pathAddr, long argvAddr, long envpAddr, int flags) {
        if ((flags & ~VALID_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        String path = paths.read(call, pathAddr);
        if (path == null) {
            return -Errno.ENAMETOOLONG;
        }
        boolean follow = (flags & Host.AT_SYMLINK_NOFOLLOW) == 0;
        try (AtPath at = paths.resolve(call, dirFd, path, (flags & Host.AT_EMPTY_PATH) != 0, follow)) {
            int error = at.failed() ? at.error() : checkFile(at, follow);
            if (error != 0) {
                return error;
            }
            ExecStrings strings = ExecStrings.read(call.memory(), argvAddr, envpAddr);
            if (strings.errno() != 0) {
                return -strings.errno();
            }
            ExecRequest request = new ExecRequest(text(filename(dirFd, path)), text(hostPath(at)),
                strings.argv(), strings.envp());
            return call.process().execve(call.thread(), request);
        }
    }

    /** What execve's open checks: the file is there, regular, and executable for the caller. */
    private int checkFile(AtPath at, boolean follow) {
        long stat = scratch.address();
        int statFlags = (follow ? 0 : Host.AT_SYMLINK_NOFOLLOW) | (at.isEmpty() ? Host.AT_EMPTY_PATH : 0);
        int r = host.fstatat(at.hostDirFd(), at.hostPath(), stat, statFlags);
        if (r < 0) {
            return r;
        }
        int type = scratch.memory().getInt(stat + ST_MODE) & S_IFMT;
        if (type == S_IFLNK) {
            return -Errno.ELOOP; // AT_SYMLINK_NOFOLLOW on a symbolic link
        }
        if (type != S_IFREG) {
            return -Errno.EACCES;
        }
        return Math.min(0, host.faccessat2(at.hostDirFd(), at.hostPath(), X_OK,
            Access.AT_EACCESS | (at.isEmpty() ? Host.AT_EMPTY_PATH : 0)));
    }

    /** The host path the loader opens: the directory fd's /proc link joins a relative name. */
    private static byte[] hostPath(AtPath at) {
        if (at.isEmpty()) {
            return GuestPaths.toHost("/proc/self/fd/" + at.hostDirFd());
        }
        return at.pathOnly();
    }

    /** Linux's name of the program (AT_EXECFN, a script's argument): /dev/fd/N/name for a dirfd. */
    private static String filename(int dirFd, String path) {
        if (dirFd == Host.AT_FDCWD || path.startsWith("/")) {
            return path;
        }
        return path.isEmpty() ? "/dev/fd/" + dirFd : "/dev/fd/" + dirFd + "/" + path;
    }

    /** A byte-string path (one char per byte) or NUL-terminated host bytes, as the loader's text. */
    private static String text(String byteString) {
        return new String(byteString.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static String text(byte[] nulTerminated) {
        int n = nulTerminated.length > 0 && nulTerminated[nulTerminated.length - 1] == 0
            ? nulTerminated.length - 1 : nulTerminated.length;
        return new String(nulTerminated, 0, n, StandardCharsets.UTF_8);
    }
}
