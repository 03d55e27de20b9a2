package org.osgix.files.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * Turns guest paths into host paths and guest directory fds into host ones. The mapping is the
 * identity today; a sysroot option will prefix absolute paths here (and strip the prefix in
 * {@link #toGuest}), so every path of the family goes through this class.
 */
final class PathResolver {
    /** Linux PATH_MAX, including the NUL. */
    static final int PATH_MAX = 4096;

    private final ProcSelf procSelf;

    PathResolver(Host host, Scratch scratch) {
        this.procSelf = new ProcSelf(host, this, scratch);
    }

    ProcSelf procSelf() {
        return procSelf;
    }

    /**
     * Reads a guest path (at most PATH_MAX - 1 bytes); null means ENAMETOOLONG. A bad pointer
     * throws GuestFault (EFAULT).
     */
    static String readPath(GuestMemory memory, long addr) {
        return memory.readCString(addr, PATH_MAX - 1);
    }

    /** The host path of a guest absolute path. */
    String toHost(String guestPath) {
        return guestPath;
    }

    /** The guest's view of a host absolute path (getcwd, /proc/self/fd links). */
    String toGuest(String hostPath) {
        return hostPath;
    }

    /**
     * Resolves {@code guestPath} relative to the guest's {@code dirFd} as Linux *at() calls do: an
     * absolute path ignores dirFd, AT_FDCWD means the working directory, any other dirFd must be
     * open (EBADF) and is pinned until the result is closed.
     *
     * @param emptyAllowed the call has AT_EMPTY_PATH (or is readlinkat): "" names dirFd itself
     * @param followLast false for AT_SYMLINK_NOFOLLOW / O_NOFOLLOW: /proc/self/exe stays a link
     */
    AtPath resolve(SyscallContext call, int dirFd, String guestPath, boolean emptyAllowed, boolean followLast) {
        if (guestPath.isEmpty() && !emptyAllowed) {
            return AtPath.NO_ENTRY;
        }
        if (guestPath.startsWith("/")) {
            AtPath special = procSelf.resolve(call, guestPath, followLast);
            return special != null ? special : AtPath.of(toHost(guestPath));
        }
        if (dirFd == Host.AT_FDCWD) {
            return AtPath.of(guestPath);
        }
        OpenFile dir = pin(call, dirFd);
        if (dir == null) {
            return AtPath.BAD_FD;
        }
        if (dir.hostFd() < 0) {
            dir.unpin(); // an fd without a host file (an epoll instance) is no directory
            return AtPath.NOT_DIRECTORY;
        }
        return AtPath.under(dir, guestPath);
    }

    /** The description behind a guest fd, pinned; null when the fd is not open. */
    static OpenFile pin(SyscallContext call, int fd) {
        FdSnapshot snapshot = call.fds().get(fd);
        if (snapshot == null) {
            return null;
        }
        OpenFile file = snapshot.file();
        return file.tryPin() ? file : null;
    }
}
