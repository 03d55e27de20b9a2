package org.osgix.sys.time.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/** Linux x86_64 {@code struct timespec} (two 64-bit fields) helpers. */
final class Timespecs {
    static final int SIZE = 16;
    static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timespecs() {
    }

    /** What the kernel's timespec64_valid accepts for a sleep request. */
    static boolean valid(long seconds, long nanos) {
        return seconds >= 0 && nanos >= 0 && nanos < NANOS_PER_SECOND;
    }

    /** Seconds and nanoseconds as nanoseconds, saturated at Long.MAX_VALUE (negative inputs clamp to 0). */
    static long toNanos(long seconds, long nanos) {
        if (seconds < 0) {
            return 0;
        }
        if (seconds > (Long.MAX_VALUE - nanos) / NANOS_PER_SECOND) {
            return Long.MAX_VALUE;
        }
        return seconds * NANOS_PER_SECOND + nanos;
    }

    /** Writes {@code nanos} (non-negative) as a timespec at {@code addr}: 0 or -EFAULT. */
    static int write(GuestMemory memory, long addr, long nanos) {
        if (!memory.isAccessible(addr, SIZE, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        memory.writeLong(addr, nanos / NANOS_PER_SECOND);
        memory.writeLong(addr + 8, nanos % NANOS_PER_SECOND);
        return 0;
    }
}
