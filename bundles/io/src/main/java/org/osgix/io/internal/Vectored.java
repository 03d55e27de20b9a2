package org.osgix.io.internal;

import static org.osgix.io.internal.IovecScratch.IOVEC_SIZE;

import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * readv, writev. The guest's iovec array is checked and rewritten into a per-thread host iovec
 * array (guest buffers by host address), then one host readv/writev moves the data.
 */
final class Vectored {
    /** Linux UIO_MAXIOV. */
    static final int UIO_MAXIOV = 1024;

    private final Host host;
    private final NativeMemory scratchMemory;
    private final IovecScratch scratch;

    Vectored(Host host) {
        this.host = host;
        this.scratchMemory = host.memory();
        this.scratch = new IovecScratch(host.memory());
    }

    long readv(SyscallContext call) {
        return transfer(call, Direction.READ);
    }

    long writev(SyscallContext call) {
        return transfer(call, Direction.WRITE);
    }

    private long transfer(SyscallContext call, Direction direction) {
        long iov = call.arg1();
        long count = call.arg2();
        OpenFile file = ReadWrite.pin(call, (int) call.arg0());
        if (file == null) {
            return -Errno.EBADF;
        }
        try {
            int refused = direction.refusal(file);
            if (refused != 0) {
                return refused;
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
            int segments = toHostAddresses(call.memory(), table, n, direction.bufferAccess);
            if (segments == 0) {
                // nothing could be copied: EFAULT, unless the file refuses the transfer anyway
                long r = direction == Direction.READ ? host.read(file.hostFd(), 0, 0) : host.write(file.hostFd(), 0, 0);
                return r < 0 ? r : -Errno.EFAULT;
            }
            int ready = direction.awaitReady(call, file);
            if (ready < 0) {
                return ready;
            }
            return direction == Direction.READ
                ? host.readv(file.hostFd(), table, segments)
                : host.writev(file.hostFd(), table, segments);
        } finally {
            file.unpin();
        }
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
     * @return the number of host segments
     */
    private int toHostAddresses(GuestMemory memory, long table, int n, int access) {
        int segments = 0;
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
            }
            if (!whole) {
                break;
            }
        }
        return segments;
    }
}
