package org.osgix.sys.io.internal;

import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.fd.ReadableAttachment;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * read, write, pread64, pwrite64: the host transfers straight between the host fd and guest
 * memory (zero copy). A transfer that may block goes through {@link StreamTransfer}.
 */
final class ReadWrite {
    private final Host host;
    private final IovecScratch scratch;
    private final StreamTransfer streams;
    private final PipeFaults pipeFaults;

    ReadWrite(Host host, IovecScratch scratch, StreamTransfer streams, PipeFaults pipeFaults) {
        this.host = host;
        this.scratch = scratch;
        this.streams = streams;
        this.pipeFaults = pipeFaults;
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

    private long transfer(SyscallContext call, Direction direction, boolean positional) {
        long buf = call.arg1();
        long count = call.arg2();
        long offset = call.arg3();
        if (positional && offset < 0) {
            return -Errno.EINVAL;
        }
        OpenFile file = call.fds().pinRaw(call.fdArg(0));
        if (file == null) {
            return -Errno.EBADF;
        }
        try {
            int refused = direction.refusal(file, positional);
            if (refused != 0) {
                return refused;
            }
            if (!GuestBuffers.inUserSpace(buf, count)) {
                return -Errno.EFAULT;
            }
            if (!positional && direction == Direction.READ && file.attachment() instanceof ReadableAttachment reads) {
                return reads.read(call, file, buf, count); // a signalfd: its records are not in the host fd
            }
            int hostFd = file.hostFd();
            long len = Math.min(count, GuestBuffers.MAX_RW_COUNT);
            if (len == 0) {
                // the host's zero-length transfer gives Linux's answer (0, EISDIR, ESPIPE...)
                return hostTransfer(direction, positional, hostFd, 0, 0, offset);
            }
            long h = call.memory().hostAddress(buf, len, direction.bufferAccess);
            if (h < 0) {
                long accessible = GuestBuffers.accessiblePrefix(call.memory(), buf, len, direction.bufferAccess);
                if (file.kind() == FileKind.PIPE) {
                    accessible = pipeFaults.usable(hostFd, direction, accessible, len);
                }
                if (accessible <= 0) {
                    // nothing can be copied: EFAULT, unless the file refuses the transfer anyway
                    long r = hostTransfer(direction, positional, hostFd, 0, 0, offset);
                    return r < 0 ? r : -Errno.EFAULT;
                }
                len = accessible;
                h = call.memory().hostAddress(buf, len, direction.bufferAccess);
                if (h < 0) {
                    return -Errno.EFAULT;
                }
            }
            if (!positional && StreamTransfer.mayBlock(file)) {
                return streams.transfer(call, file, direction, scratch.single(h, len), 1, len, 0);
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
