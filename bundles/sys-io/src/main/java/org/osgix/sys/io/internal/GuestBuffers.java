package org.osgix.sys.io.internal;

import org.osgix.syscall.GuestMemory;

/**
 * How much of a guest buffer a transfer may use. Linux checks only that a buffer lies in user
 * space before a transfer and faults when the copy reaches an unmapped byte: the transfer then
 * ends short, or fails with EFAULT if nothing was copied. Checking the accessible prefix up front
 * gives the same results without ever handing the host an inaccessible address.
 */
final class GuestBuffers {
    /** x86_64 TASK_SIZE_MAX with 4-level page tables: the end of user space. */
    static final long USER_END = 0x7ffffffff000L;
    /** Linux MAX_RW_COUNT: one transfer moves at most this many bytes. */
    static final long MAX_RW_COUNT = 0x7ffff000L;

    private GuestBuffers() {
    }

    /** Linux access_ok: the range lies in user space (unsigned arithmetic). */
    static boolean inUserSpace(long addr, long len) {
        return Long.compareUnsigned(len, USER_END) <= 0 && Long.compareUnsigned(addr, USER_END - len) <= 0;
    }

    /**
     * The length of the longest accessible prefix of {@code [addr, addr+len)}, found by binary
     * search over page boundaries (accessibility of prefixes is monotonic).
     */
    static long accessiblePrefix(GuestMemory memory, long addr, long len, int access) {
        if (memory.isAccessible(addr, len, access)) {
            return len;
        }
        long firstEnd = Math.min(len, GuestMemory.PAGE_SIZE - (addr & (GuestMemory.PAGE_SIZE - 1)));
        long candidates = (len - firstEnd + GuestMemory.PAGE_SIZE - 1) / GuestMemory.PAGE_SIZE;
        // prefix end k is min(len, firstEnd + k pages); k = candidates is known to fail
        long good = -1;
        long bad = candidates;
        while (bad - good > 1) {
            long mid = (good + bad) >>> 1;
            if (memory.isAccessible(addr, prefixEnd(firstEnd, mid, len), access)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return good < 0 ? 0 : prefixEnd(firstEnd, good, len);
    }

    private static long prefixEnd(long firstEnd, long pages, long len) {
        return Math.min(len, firstEnd + pages * GuestMemory.PAGE_SIZE);
    }
}
