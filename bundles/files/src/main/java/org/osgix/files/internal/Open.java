package org.osgix.files.internal;

import static org.osgix.fd.OpenFile.O_CLOEXEC;
import static org.osgix.fd.OpenFile.O_CREAT;
import static org.osgix.fd.OpenFile.O_NOCTTY;
import static org.osgix.fd.OpenFile.O_NOFOLLOW;
import static org.osgix.fd.OpenFile.O_PATH;
import static org.osgix.fd.OpenFile.O_TMPFILE;
import static org.osgix.fd.OpenFile.O_TRUNC;
import static org.osgix.fd.OpenFile.O_WRONLY;

import org.osgix.fd.FileKind;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/** open, openat, creat: the host opens the file, the guest's table gets a description owning it. */
final class Open {
    /** O_TMPFILE includes O_DIRECTORY; this bit alone marks it. */
    private static final int O_TMPFILE_ONLY = O_TMPFILE & ~0x10000;

    private final Host host;
    private final PathResolver paths;
    private final FileKinds kinds;
    private final Umask umask;

    Open(Host host, PathResolver paths, FileKinds kinds, Umask umask) {
        this.host = host;
        this.paths = paths;
        this.kinds = kinds;
        this.umask = umask;
    }

    long openat(SyscallContext call) {
        return open(call, (int) call.arg0(), call.arg1(), (int) call.arg2(), (int) call.arg3());
    }

    long open(SyscallContext call) {
        return open(call, Host.AT_FDCWD, call.arg0(), (int) call.arg1(), (int) call.arg2());
    }

    long creat(SyscallContext call) {
        return open(call, Host.AT_FDCWD, call.arg0(), O_CREAT | O_WRONLY | O_TRUNC, (int) call.arg1());
    }

    private long open(SyscallContext call, int dirFd, long pathAddr, int flags, int mode) {
        String path = PathResolver.readPath(call.memory(), pathAddr);
        if (path == null) {
            return -Errno.ENAMETOOLONG;
        }
        boolean creates = (flags & O_CREAT) != 0 || (flags & O_TMPFILE_ONLY) != 0;
        int creationMode = creates ? mode & 07777 & ~umask.current(call) : 0;
        // The host fd is always close-on-exec (it must never leak into host children) and never
        // becomes the JVM's controlling tty; the guest's O_CLOEXEC lives in its descriptor slot.
        int hostFlags = flags | O_CLOEXEC | O_NOCTTY;
        int hostFd;
        try (AtPath at = paths.resolve(call, dirFd, path, false, (flags & O_NOFOLLOW) == 0)) {
            if (at.failed()) {
                return at.error();
            }
            hostFd = host.openat(at.hostDirFd(), at.hostPath(), hostFlags, creationMode);
        }
        if (hostFd < 0) {
            return hostFd;
        }
        return install(call, hostFd, flags, path);
    }

    private int install(SyscallContext call, int hostFd, int flags, String path) {
        FileKind kind = kinds.of(hostFd, (flags & O_PATH) != 0);
        // The host's F_GETFL is Linux's exact answer (creation flags dropped, O_LARGEFILE added,
        // O_PATH reduced), so the description keeps what the guest's F_GETFL must report.
        int statusFlags = host.fcntl(hostFd, Host.F_GETFL, 0);
        if (statusFlags < 0) {
            host.close(hostFd);
            return statusFlags;
        }
        return call.fds().open(kind, hostFd, statusFlags, path, null, (flags & O_CLOEXEC) != 0);
    }
}
