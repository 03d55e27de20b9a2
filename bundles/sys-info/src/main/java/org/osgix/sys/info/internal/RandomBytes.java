package org.osgix.sys.info.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * getrandom: the host's generator writes straight into the guest buffer. Like Linux, a request
 * is cut to MAX_RW_COUNT, and a buffer that becomes unwritable part-way is filled up to that
 * point (EFAULT only when not even one byte can be written).
 */
final class RandomBytes {
    static final int GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;
    /** The kernel's largest single read or write: INT_MAX rounded down to a page. */
    static final long MAX_RW_COUNT = Integer.MAX_VALUE & -GuestMemory.PAGE_SIZE;
    private static final int KNOWN_FLAGS = GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE;

    private final Host host;

    RandomBytes(Host host) {
        this.host = host;
    }

    long getrandom(SyscallContext call) {
        long addr = call.arg0();
        long count = call.arg1();
        int flags = call.intArg(2);
        if ((flags & ~KNOWN_FLAGS) != 0 || (flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM)) {
            return -Errno.EINVAL;
        }
        if (count == 0) {
            return 0;
        }
        if (Long.compareUnsigned(count, MAX_RW_COUNT) > 0) {
            count = MAX_RW_COUNT;
        }
        GuestMemory memory = call.memory();
        long writable = writablePrefix(memory, addr, count);
        if (writable == 0) {
            return -Errno.EFAULT;
        }
        long buffer = memory.hostAddress(addr, writable, GuestMemory.PROT_WRITE);
        if (buffer < 0) {
            return buffer;
        }
        return host.getrandom(buffer, writable, flags);
    }

    /**
     * How many bytes from {@code addr} are writable, up to {@code count}: the whole range, or the
     * bytes up to the first unwritable page (found by bisecting on page boundaries).
     */
    static long writablePrefix(GuestMemory memory, long addr, long count) {
        if (memory.isAccessible(addr, count, GuestMemory.PROT_WRITE)) {
            return count;
        }
        long firstPage = addr & -GuestMemory.PAGE_SIZE;
        long good = 0; // pages known writable
        long bad = (addr + count - firstPage + GuestMemory.PAGE_SIZE - 1) / GuestMemory.PAGE_SIZE; // pages known not
        while (bad - good > 1) {
            long middle = good + (bad - good) / 2;
            if (memory.isAccessible(addr, prefixLength(firstPage, middle, addr, count), GuestMemory.PROT_WRITE)) {
                good = middle;
            } else {
                bad = middle;
            }
        }
        return good == 0 ? 0 : prefixLength(firstPage, good, addr, count);
    }

    private static long prefixLength(long firstPage, long pages, long addr, long count) {
        return Math.min(count, firstPage + pages * GuestMemory.PAGE_SIZE - addr);
    }
}
