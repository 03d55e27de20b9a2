package org.osgix.sys.thread.internal;

import java.time.Instant;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/**
 * Guest {@code struct timespec} values (two longs) and the clocks they are measured on. Waits use
 * {@link System#nanoTime()}, which on Linux is CLOCK_MONOTONIC in nanoseconds (the same clock
 * the guest reads), so absolute monotonic deadlines need no conversion.
 */
final class Timespecs {
    static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timespecs() {
    }

    /**
     * Reads the timespec at {@code addr} as nanoseconds, saturating at {@link Long#MAX_VALUE}.
     *
     * @return the value, or {@code -EINVAL} for a negative second or nanosecond out of range
     * @throws org.osgix.syscall.GuestFault when it is not readable
     */
    static long readNanos(GuestMemory memory, long addr) {
        long seconds = memory.readLong(addr);
        long nanos = memory.readLong(addr + Long.BYTES);
        if (seconds < 0 || nanos < 0 || nanos >= NANOS_PER_SECOND) {
            return -Errno.EINVAL;
        }
        if (seconds > (Long.MAX_VALUE - nanos) / NANOS_PER_SECOND) {
            return Long.MAX_VALUE;
        }
        return seconds * NANOS_PER_SECOND + nanos;
    }

    /** CLOCK_REALTIME now, in nanoseconds since the epoch. */
    static long realtimeNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
    }
}
