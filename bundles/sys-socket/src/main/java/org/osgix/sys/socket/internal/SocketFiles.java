package org.osgix.sys.socket.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.FileStat;
import org.osgix.syscall.SyscallContext;

/**
 * Guest socket descriptions: installing a host socket in the descriptor table, and finding (and
 * pinning) the socket behind a guest descriptor. Host sockets are always close-on-exec on the
 * host; the guest's close-on-exec lives in its descriptor slot.
 */
final class SocketFiles {
    private final Host host;
    private final SocketScratch scratch;

    SocketFiles(Host host, SocketScratch scratch) {
        this.host = host;
        this.scratch = scratch;
    }

    /**
     * The socket description behind {@code fd}, pinned for the call (the caller unpins); null
     * when the descriptor is free or not a socket ({@link #refusal} tells which).
     */
    static OpenFile pin(SyscallContext call, int fd) {
        FdSnapshot slot = call.fds().get(fd);
        return slot == null || slot.file().kind() != FileKind.SOCKET ? null : slot.pin();
    }

    /** Why {@link #pin} failed: EBADF for a free slot (or one closed meanwhile), ENOTSOCK for another kind. */
    static int refusal(SyscallContext call, int fd) {
        FdSnapshot slot = call.fds().get(fd);
        if (slot == null || slot.file().kind() == FileKind.PATH) {
            return -Errno.EBADF;
        }
        return slot.file().kind() == FileKind.SOCKET ? -Errno.EBADF : -Errno.ENOTSOCK;
    }

    /** The socket's info; a socket another family installed (a socket as stdin) is asked each time. */
    SocketInfo info(OpenFile file) {
        if (file.attachment() instanceof SocketInfo info) {
            return info;
        }
        return query(file.hostFd());
    }

    SocketInfo query(int hostFd) {
        return new SocketInfo(intOption(hostFd, SocketAbi.SO_DOMAIN), intOption(hostFd, SocketAbi.SO_TYPE),
            intOption(hostFd, SocketAbi.SO_PROTOCOL));
    }

    private int intOption(int hostFd, int name) {
        long base = scratch.base();
        long value = base + SocketScratch.VALUE;
        long len = base + SocketScratch.LENGTH;
        scratch.memory().putInt(len, 4);
        int r = host.getsockopt(hostFd, SocketAbi.SOL_SOCKET, name, value, len);
        return r < 0 ? -1 : scratch.memory().getInt(value);
    }

    /**
     * Installs a new host socket; on failure the host fd is closed. Returns the guest fd or -errno.
     */
    int install(FdTable fds, int hostFd, SocketInfo info, boolean cloexec) {
        int statusFlags = host.fcntl(hostFd, Host.F_GETFL, 0);
        if (statusFlags < 0) {
            host.close(hostFd);
            return statusFlags;
        }
        return fds.open(FileKind.SOCKET, hostFd, statusFlags, name(hostFd), info, cloexec);
    }

    /** Installs a host fd received from outside osgix, of whatever kind it is. */
    int installForeign(FdTable fds, int hostFd, boolean cloexec) {
        long stat = scratch.base() + SocketScratch.CONTROL;
        int mode = host.fstat(hostFd, stat) < 0 ? 0 : scratch.memory().getInt(stat + FileStat.ST_MODE);
        FileKind kind = switch (mode & FileStat.S_IFMT) {
            case FileStat.S_IFSOCK -> FileKind.SOCKET;
            case FileStat.S_IFIFO -> FileKind.PIPE;
            case FileStat.S_IFREG -> FileKind.REGULAR;
            case FileStat.S_IFDIR -> FileKind.DIRECTORY;
            case FileStat.S_IFCHR -> FileKind.CHARACTER_DEVICE;
            default -> FileKind.OTHER;
        };
        if (kind == FileKind.SOCKET) {
            return install(fds, hostFd, query(hostFd), cloexec);
        }
        int statusFlags = host.fcntl(hostFd, Host.F_GETFL, 0);
        if (statusFlags < 0) {
            host.close(hostFd);
            return statusFlags;
        }
        return fds.open(kind, hostFd, statusFlags, null, null, cloexec);
    }

    /** What /proc/self/fd shows for a socket: socket:[inode]. */
    private String name(int hostFd) {
        long stat = scratch.base() + SocketScratch.CONTROL;
        if (host.fstat(hostFd, stat) < 0) {
            return "socket:[0]";
        }
        return "socket:[" + scratch.memory().getLong(stat + FileStat.ST_INO) + "]";
    }
}
