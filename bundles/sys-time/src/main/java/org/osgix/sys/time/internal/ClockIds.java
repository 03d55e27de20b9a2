package org.osgix.sys.time.internal;

import org.osgix.syscall.SyscallContext;

/**
 * Linux clock ids and their translation to the host clock to read. Static clock ids map to
 * themselves. Dynamic CPU-time clocks ({@code clock_getcpuclockid}, {@code pthread_getcpuclockid})
 * encode a pid or tid in the id; they are accepted for the calling process and thread only and
 * rewritten to the "self" form (pid 0), so the host never reads another host process's clock.
 */
final class ClockIds {
    static final int REALTIME = 0, MONOTONIC = 1, PROCESS_CPUTIME_ID = 2, THREAD_CPUTIME_ID = 3,
        MONOTONIC_RAW = 4, REALTIME_COARSE = 5, MONOTONIC_COARSE = 6, BOOTTIME = 7,
        REALTIME_ALARM = 8, BOOTTIME_ALARM = 9, TAI = 11;
    /** Returned for an id that is not a valid clock of the caller. */
    static final int INVALID = Integer.MIN_VALUE;

    /** CPU clock types in the low bits of a dynamic id (kernel CPUCLOCK_PROF/VIRT/SCHED). */
    private static final int CPUCLOCK_PROF = 0, CPUCLOCK_VIRT = 1, CPUCLOCK_SCHED = 2,
        CPUCLOCK_TYPE_MASK = 3, CPUCLOCK_PER_THREAD = 4;
    /** The dynamic id with pid 0 ("the caller") and no type bits. */
    private static final int SELF_BASE = ~0 << 3;

    private ClockIds() {
    }

    /** The host clock id to read for guest clock {@code id}, or {@link #INVALID}. */
    static int hostClock(int id, SyscallContext call) {
        if (id >= 0) {
            return isStaticClock(id) ? id : INVALID;
        }
        int type = id & CPUCLOCK_TYPE_MASK;
        if (type > CPUCLOCK_SCHED) {
            return INVALID;
        }
        int pid = ~(id >> 3);
        boolean perThread = (id & CPUCLOCK_PER_THREAD) != 0;
        int self = perThread ? call.thread().tid() : call.process().pid();
        if (pid != 0 && pid != self) {
            return INVALID;
        }
        return SELF_BASE | (id & (CPUCLOCK_TYPE_MASK | CPUCLOCK_PER_THREAD));
    }

    static boolean isStaticClock(int id) {
        return id >= REALTIME && id <= BOOTTIME_ALARM || id == TAI;
    }

    /** True for the process CPU clock, static or dynamic. */
    static boolean isProcessCpuClock(int hostId) {
        return hostId == PROCESS_CPUTIME_ID || hostId < 0 && (hostId & CPUCLOCK_PER_THREAD) == 0;
    }

    /** True for a thread CPU clock, static or dynamic. */
    static boolean isThreadCpuClock(int hostId) {
        return hostId == THREAD_CPUTIME_ID || hostId < 0 && (hostId & CPUCLOCK_PER_THREAD) != 0;
    }

    /** Clocks that advance once per scheduler tick (their resolution is the tick). */
    static boolean isTickBased(int hostId) {
        if (hostId < 0) {
            int type = hostId & CPUCLOCK_TYPE_MASK;
            return type == CPUCLOCK_PROF || type == CPUCLOCK_VIRT;
        }
        return hostId == REALTIME_COARSE || hostId == MONOTONIC_COARSE;
    }

    static boolean isAlarm(int id) {
        return id == REALTIME_ALARM || id == BOOTTIME_ALARM;
    }
}
