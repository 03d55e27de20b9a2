package org.osgix.sys.thread.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * The scheduler as a guest sees it: every thread is SCHED_OTHER at priority 0 and may run on
 * any host CPU. Affinity changes are validated and accepted but do not pin host threads.
 * A target pid is 0 (the caller) or a live thread of this process; anything else is ESRCH.
 */
final class Scheduling {
    static final String SETAFFINITY_NOTE = "validated and accepted; host threads are not pinned";
    static final String TARGET_NOTE = "targets are threads of this process only";
    static final int SCHED_OTHER = 0, SCHED_FIFO = 1, SCHED_RR = 2, SCHED_BATCH = 3,
        SCHED_IDLE = 5, SCHED_DEADLINE = 6;
    private static final int MAX_RT_PRIORITY = 99;

    private final HostCpus cpus;

    Scheduling(HostCpus cpus) {
        this.cpus = cpus;
    }

    /** Linux looks the pid up first: a negative or unknown one is ESRCH. */
    static boolean unknownTarget(SyscallContext call) {
        int pid = call.intArg(0);
        return pid < 0 || (pid != 0 && call.process().thread(pid) == null);
    }

    long yield(SyscallContext call) {
        Thread.yield();
        return 0;
    }

    /** sched_getaffinity(pid, len, mask): returns the bytes written (the kernel's mask size). */
    long getAffinity(SyscallContext call) {
        long len = call.uintArg(1);
        if (len * Byte.SIZE < cpus.count() || len % Long.BYTES != 0) {
            return -Errno.EINVAL; // Linux checks the length before it looks the pid up
        }
        if (unknownTarget(call)) {
            return -Errno.ESRCH;
        }
        int written = (int) Math.min(len, cpus.maskBytes());
        call.memory().write(call.arg2(), cpus.mask(), 0, written);
        return written;
    }

    /** sched_setaffinity(pid, len, mask): a mask naming none of our CPUs is EINVAL. */
    long setAffinity(SyscallContext call) {
        if (unknownTarget(call)) {
            return -Errno.ESRCH;
        }
        int len = (int) Math.min(call.uintArg(1), cpus.maskBytes());
        byte[] requested = new byte[len];
        call.memory().read(call.arg2(), requested, 0, len);
        return cpus.intersects(requested, len) ? 0 : -Errno.EINVAL;
    }

    long getScheduler(SyscallContext call) {
        return call.intArg(0) < 0 ? -Errno.EINVAL : SCHED_OTHER;
    }

    /** sched_getparam(pid, param): the priority of SCHED_OTHER is 0. */
    long getParam(SyscallContext call) {
        if (call.intArg(0) < 0 || call.arg1() == 0) {
            return -Errno.EINVAL;
        }
        call.memory().writeInt(call.arg1(), 0);
        return 0;
    }

    long priorityMax(SyscallContext call) {
        return switch (call.intArg(0)) {
            case SCHED_FIFO, SCHED_RR -> MAX_RT_PRIORITY;
            case SCHED_OTHER, SCHED_BATCH, SCHED_IDLE, SCHED_DEADLINE -> 0;
            default -> -Errno.EINVAL;
        };
    }

    long priorityMin(SyscallContext call) {
        return switch (call.intArg(0)) {
            case SCHED_FIFO, SCHED_RR -> 1;
            case SCHED_OTHER, SCHED_BATCH, SCHED_IDLE, SCHED_DEADLINE -> 0;
            default -> -Errno.EINVAL;
        };
    }
}
