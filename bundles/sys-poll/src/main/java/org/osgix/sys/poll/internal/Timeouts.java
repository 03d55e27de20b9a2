package org.osgix.sys.poll.internal;

import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;

/**
 * Timeout arguments: {@code struct timespec} and {@code struct timeval} (two 8-byte fields each)
 * read and checked as Linux does, deadlines on the monotonic clock, and the remaining time Linux
 * writes back for select, pselect6 and ppoll.
 */
final class Timeouts {
    static final long INFINITE = -1;
    /** Marks a timeout Linux refuses with EINVAL. */
    static final long INVALID = Long.MIN_VALUE;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private Timeouts() {
    }

    /** A millisecond timeout (poll, epoll_wait): negative means none. */
    static long fromMillis(int millis) {
        return millis < 0 ? INFINITE : millis * 1_000_000L;
    }

    /** A timespec at {@code addr} (0: none) in nanoseconds, or {@link #INVALID}. */
    static long readTimespec(GuestMemory memory, long addr) {
        if (addr == 0) {
            return INFINITE;
        }
        return nanos(memory.readLong(addr), memory.readLong(addr + 8));
    }

    /** A timeval at {@code addr} (0: none), normalised as select does: usec past a second carries over. */
    static long readTimeval(GuestMemory memory, long addr) {
        if (addr == 0) {
            return INFINITE;
        }
        long sec = memory.readLong(addr);
        long usec = memory.readLong(addr + 8);
        return nanos(sec + usec / MICROS_PER_SECOND, (usec % MICROS_PER_SECOND) * 1000);
    }

    private static long nanos(long sec, long nsec) {
        if (sec < 0 || nsec < 0 || nsec >= NANOS_PER_SECOND) {
            return INVALID;
        }
        if (sec >= Long.MAX_VALUE / NANOS_PER_SECOND) {
            return INFINITE; // beyond any wait: the same as none
        }
        return sec * NANOS_PER_SECOND + nsec;
    }

    /** The deadline of a relative timeout (ignored for INFINITE). */
    static long deadline(long timeoutNanos) {
        return timeoutNanos <= 0 ? 0 : System.nanoTime() + timeoutNanos;
    }

    /** Nanoseconds left until {@code deadline}: INFINITE, or at least 0. */
    static long remaining(long timeoutNanos, long deadline) {
        if (timeoutNanos < 0) {
            return INFINITE;
        }
        if (timeoutNanos == 0) {
            return 0;
        }
        return Math.max(0, deadline - System.nanoTime());
    }

    /**
     * Writes the time left back as Linux does for select (timeval) and pselect6/ppoll (timespec):
     * not for a zero or absent timeout, and a fault is ignored (the call's result stands).
     */
    static void writeBack(GuestMemory memory, long addr, long timeoutNanos, long deadline, boolean timeval) {
        if (addr == 0 || timeoutNanos <= 0) {
            return;
        }
        long left = remaining(timeoutNanos, deadline);
        try {
            memory.writeLong(addr, left / NANOS_PER_SECOND);
            memory.writeLong(addr + 8, timeval ? (left % NANOS_PER_SECOND) / 1000 : left % NANOS_PER_SECOND);
        } catch (GuestFault ignored) {
            // Linux drops the update when the timeout is read-only
        }
    }
}
