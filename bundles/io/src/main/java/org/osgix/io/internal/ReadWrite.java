package org.osgix.io.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * read, write, pread64, pwrite64: the host transfers straight between the host fd and guest
 * memory (zero copy).
 */
final class ReadWrite {
    private final Host host;

    ReadWrite(Host host) {
        this.host = host;
    }

    long read(SyscallContext call) {
        return transfer(call, Direction.READ, false);
    }

    long write(SyscallContext call) {
        return transfer(call, Direction.WRITE, false);
    }

    long pread64(SyscallContext call) {
        return transfer(call, Direction.READ, true);
    }

    long pwrite64(SyscallContext call) {
        return transfer(call, Direction.WRITE, true);
    }

    /** The description behind {@code fd}, pinned for the call; null when the fd is not open. */
    static OpenFile pin(SyscallContext call, int fd) {
        FdSnapshot slot = call.fds().get(fd);
        if (slot == null) {
            return null;
        }
        OpenFile file = slot.file();
        return file.tryPin() ? file : null;
    }

    private long transfer(SyscallContext call, Direction direction, boolean positional) {
        long buf = call.arg1();
        long count = call.arg2();
        long offset = call.arg3();
        OpenFile file = pin(call, (int) call.arg0());
        if (file == null) {
            return -Errno.EBADF;
        }
        try {
            int refused = direction.refusal(file);
            if (refused != 0) {
                return refused;
            }
            if (!GuestBuffers.inUserSpace(buf, count)) {
                return -Errno.EFAULT;
            }
            int hostFd = file.hostFd();
            long len = Math.min(count, GuestBuffers.MAX_RW_COUNT);
            if (len == 0) {
                // the host's zero-length transfer gives Linux's answer (0, EISDIR, ESPIPE...)
                return hostTransfer(direction, positional, hostFd, 0, 0, offset);
            }
            long h = call.memory().hostAddress(buf, len, direction.bufferAccess);
            if (h < 0) {
                len = GuestBuffers.accessiblePrefix(call.memory(), buf, len, direction.bufferAccess);
                if (len == 0) {
                    // nothing could be copied: EFAULT, unless the file refuses the transfer anyway
                    long r = hostTransfer(direction, positional, hostFd, 0, 0, offset);
                    return r < 0 ? r : -Errno.EFAULT;
                }
                h = call.memory().hostAddress(buf, len, direction.bufferAccess);
                if (h < 0) {
                    return -Errno.EFAULT;
                }
            }
            if (!positional) {
                int ready = direction.awaitReady(call, file);
                if (ready < 0) {
                    return ready;
                }
            }
            return hostTransfer(direction, positional, hostFd, h, len, offset);
        } finally {
            file.unpin();
        }
    }

    private long hostTransfer(Direction direction, boolean positional, int hostFd, long h, long len, long offset) {
        if (direction == Direction.READ) {
            return positional ? host.pread(hostFd, h, len, offset) : host.read(hostFd, h, len);
        }
        return positional ? host.pwrite(hostFd, h, len, offset) : host.write(hostFd, h, len);
    }
}
