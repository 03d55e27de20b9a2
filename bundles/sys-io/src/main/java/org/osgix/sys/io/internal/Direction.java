package org.osgix.sys.io.internal;

import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/** A transfer's direction: what it requires of the description and how it waits. */
enum Direction {
    /** Guest memory is written: the description must be readable. */
    READ(Host.POLLIN, GuestMemory.PROT_WRITE),
    /** Guest memory is read: the description must be writable. */
    WRITE(Host.POLLOUT, GuestMemory.PROT_READ);

    /** The poll event that means the host fd will not block. */
    final int readyEvent;
    /** The guest memory access the buffers need. */
    final int bufferAccess;

    Direction(int readyEvent, int bufferAccess) {
        this.readyEvent = readyEvent;
        this.bufferAccess = bufferAccess;
    }

    /**
     * Linux's first answers to a positional transfer (pread64, preadv...): a negative offset is
     * EINVAL before the fd is looked at; a description without a position (pipe, FIFO, socket,
     * eventfd, epoll, terminal: no FMODE_PREAD) is ESPIPE before its access mode is checked.
     */
    static boolean isPositionless(OpenFile file) {
        return switch (file.kind()) {
            case PIPE, SOCKET, EVENTFD, EPOLL, TTY -> true;
            default -> false;
        };
    }

    /**
     * 0 when the pinned description allows this transfer; otherwise the Linux errno, in Linux's
     * order: ESPIPE for a positional transfer on a description without a position, EBADF for an
     * O_PATH descriptor or the wrong access mode, EINVAL for a file with no host fd to transfer on.
     */
    int refusal(OpenFile file, boolean positional) {
        if (positional && isPositionless(file)) {
            return -Errno.ESPIPE;
        }
        if (file.kind() == FileKind.PATH) {
            return -Errno.EBADF;
        }
        int mode = file.statusFlags() & OpenFile.O_ACCMODE;
        boolean allowed = this == READ
            ? mode == OpenFile.O_RDONLY || mode == OpenFile.O_RDWR
            : mode == OpenFile.O_WRONLY || mode == OpenFile.O_RDWR;
        if (!allowed) {
            return -Errno.EBADF;
        }
        return file.hostFd() < 0 ? -Errno.EINVAL : 0;
    }
}
