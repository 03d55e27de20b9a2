package org.osgix.sys.io.internal;

import static org.osgix.sys.io.internal.IovecScratch.IOVEC_SIZE;

import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * readv, writev, preadv, pwritev, preadv2, pwritev2. The guest's iovec array is checked and
 * rewritten into a per-thread host iovec array (guest buffers by host address), then one host
 * call moves the data. On x86_64 the offset is the fourth argument whole (the "high" half the
 * syscall also takes is ignored).
 */
final class Vectored {
    /** Linux UIO_MAXIOV. */
    static final int UIO_MAXIOV = 1024;
    /** The RWF_* flags this kernel interface knows (Linux 6.x: HIPRI..DONTCACHE). */
    static final int RWF_SUPPORTED = 0xff;
    private static final long CURRENT_OFFSET = -1;

    private final Host host;
    private final NativeMemory scratchMemory;
    private final IovecScratch scratch;
    private final StreamTransfer streams;
    private final PipeFaults pipeFaults;

    Vectored(Host host, IovecScratch scratch, StreamTransfer streams, PipeFaults pipeFaults) {
        this.host = host;
        this.scratchMemory = host.memory();
        this.scratch = scratch;
        this.streams = streams;
        this.pipeFaults = pipeFaults;
    }

    long readv(SyscallContext call) {
        return transfer(call, Direction.READ, CURRENT_OFFSET, 0, false);
    }

    long writev(SyscallContext call) {
        return transfer(call, Direction.WRITE, CURRENT_OFFSET, 0, false);
    }

    long preadv(SyscallContext call) {
        return transfer(call, Direction.READ, call.arg3(), 0, true);
    }

    long pwritev(SyscallContext call) {
        return transfer(call, Direction.WRITE, call.arg3(), 0, true);
    }

    long preadv2(SyscallContext call) {
        return transfer(call, Direction.READ, call.arg3(), call.intArg(5), call.arg3() != CURRENT_OFFSET);
    }

    long pwritev2(SyscallContext call) {
        return transfer(call, Direction.WRITE, call.arg3(), call.intArg(5), call.arg3() != CURRENT_OFFSET);
    }

    private long transfer(SyscallContext call, Direction direction, long offset, int flags, boolean positional) {
        long iov = call.arg1();
        long count = call.arg2();
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
            if ((flags & ~RWF_SUPPORTED) != 0) {
                return -Errno.EOPNOTSUPP;
            }
            if (count < 0 || count > UIO_MAXIOV) {
                return -Errno.EINVAL;
            }
            if (count == 0) {
                return 0;
            }
            int n = (int) count;
            if (!call.memory().isAccessible(iov, n * (long) IOVEC_SIZE, GuestMemory.PROT_READ)) {
                return -Errno.EFAULT;
            }
            long table = scratch.table(n);
            long total = copyAndCheck(call.memory(), iov, n, table);
            if (total <= 0) {
                return total; // an errno, or nothing to transfer
            }
            long accessible = toHostAddresses(call.memory(), table, n, direction.bufferAccess);
            int segments = (int) (accessible >>> 32);
            long bytes = accessible & 0xffff_ffffL;
            if (bytes < total && file.kind() == FileKind.PIPE) {
                long usable = pipeFaults.usable(file.hostFd(), direction, bytes, total);
                segments = usable < 0 ? 0 : truncate(table, segments, usable);
                bytes = Math.max(usable, 0);
            }
            if (segments == 0) {
                // nothing could be copied: EFAULT, unless the file refuses the transfer anyway
                long r = direction == Direction.READ ? host.read(file.hostFd(), 0, 0) : host.write(file.hostFd(), 0, 0);
                return r < 0 ? r : -Errno.EFAULT;
            }
            if (!positional && (flags & StreamTransfer.RWF_NOWAIT) == 0 && StreamTransfer.mayBlock(file)) {
                return streams.transfer(call, file, direction, table, segments, bytes, flags);
            }
            return hostTransfer(direction, file.hostFd(), table, segments, positional ? offset : CURRENT_OFFSET, flags);
        } finally {
            file.unpin();
        }
    }

    private long hostTransfer(Direction direction, int hostFd, long table, int segments, long offset, int flags) {
        if (flags == 0 && offset == CURRENT_OFFSET) {
            return direction == Direction.READ ? host.readv(hostFd, table, segments) : host.writev(hostFd, table, segments);
        }
        return direction == Direction.READ
            ? host.preadv2(hostFd, table, segments, offset, flags)
            : host.pwritev2(hostFd, table, segments, offset, flags);
    }

    /**
     * Copies the guest iovecs into {@code table} with Linux's checks: every length must be
     * non-negative (EINVAL) before any buffer is looked at; every buffer must lie in user space
     * (EFAULT); the total is capped at MAX_RW_COUNT by shortening the segment that crosses it
     * (a single segment is capped first).
     *
     * @return the total length, or a negative errno
     */
    private long copyAndCheck(GuestMemory memory, long iov, int n, long table) {
        for (int i = 0; i < n; i++) {
            long base = memory.readLong(iov + (long) i * IOVEC_SIZE);
            long len = memory.readLong(iov + (long) i * IOVEC_SIZE + 8);
            if (len < 0) {
                return -Errno.EINVAL;
            }
            scratchMemory.putLong(table + (long) i * IOVEC_SIZE, base);
            scratchMemory.putLong(table + (long) i * IOVEC_SIZE + 8, len);
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            long entry = table + (long) i * IOVEC_SIZE;
            long base = scratchMemory.getLong(entry);
            long len = scratchMemory.getLong(entry + 8);
            if (n == 1) {
                len = Math.min(len, GuestBuffers.MAX_RW_COUNT);
            }
            if (!GuestBuffers.inUserSpace(base, len)) {
                return -Errno.EFAULT;
            }
            len = Math.min(len, GuestBuffers.MAX_RW_COUNT - total);
            scratchMemory.putLong(entry + 8, len);
            total += len;
        }
        return total;
    }

    /**
     * Rewrites the table in place into host iovecs, dropping empty segments and ending at the
     * first guest byte that is not accessible (a transfer stops at the first fault).
     *
     * @return the number of host segments in the high 32 bits, their total length in the low 32
     */
    private long toHostAddresses(GuestMemory memory, long table, int n, int access) {
        int segments = 0;
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            long entry = table + (long) i * IOVEC_SIZE;
            long base = scratchMemory.getLong(entry);
            long len = scratchMemory.getLong(entry + 8);
            if (len == 0) {
                continue;
            }
            long h = memory.hostAddress(base, len, access);
            boolean whole = h >= 0;
            if (!whole) {
                len = GuestBuffers.accessiblePrefix(memory, base, len, access);
                h = len > 0 ? memory.hostAddress(base, len, access) : -1;
            }
            if (h >= 0) {
                long out = table + (long) segments * IOVEC_SIZE;
                scratchMemory.putLong(out, h);
                scratchMemory.putLong(out + 8, len);
                segments++;
                bytes += len;
            }
            if (!whole) {
                break;
            }
        }
        return (long) segments << 32 | bytes;
    }

    /** Shortens the host table to its first {@code bytes} bytes; returns the segments left. */
    private int truncate(long table, int segments, long bytes) {
        long left = bytes;
        for (int i = 0; i < segments; i++) {
            long entry = table + (long) i * IOVEC_SIZE;
            long len = scratchMemory.getLong(entry + 8);
            if (left <= len) {
                scratchMemory.putLong(entry + 8, left);
                return left == 0 ? i : i + 1;
            }
            left -= len;
        }
        return segments;
    }
}
