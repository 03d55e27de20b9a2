package org.osgix.sys.thread.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;

/**
 * getpriority / setpriority: one nice value per process, which only bookkeeps (host threads keep
 * their priority). The raw getpriority returns {@code 20 - nice}; lowering the nice value needs
 * RLIMIT_NICE to allow it, as for an unprivileged Linux process.
 */
final class Priority {
    static final String NOTE = "one nice value for the whole process; not applied to host threads";
    static final int PRIO_PROCESS = 0, PRIO_PGRP = 1, PRIO_USER = 2;
    static final int NICE_MIN = -20, NICE_MAX = 19;

    /** The per-process nice value. */
    static final class NiceValue {
        final AtomicInteger nice = new AtomicInteger();
    }

    long getPriority(SyscallContext call) {
        if (!validWhich(call.arg0())) {
            return -Errno.EINVAL;
        }
        return 20 - niceOf(call.process()).nice.get();
    }

    long setPriority(SyscallContext call) {
        if (!validWhich(call.arg0())) {
            return -Errno.EINVAL;
        }
        int nice = (int) Math.max(NICE_MIN, Math.min(NICE_MAX, call.intArg(2)));
        GuestProcess process = call.process();
        AtomicInteger current = niceOf(process).nice;
        if (nice < current.get() && !mayLowerTo(process, nice)) {
            return -Errno.EACCES;
        }
        current.set(nice);
        return 0;
    }

    private static boolean validWhich(long which) {
        return which == PRIO_PROCESS || which == PRIO_PGRP || which == PRIO_USER;
    }

    /** Linux's can_nice without CAP_SYS_NICE: {@code 20 - nice <= RLIMIT_NICE}. */
    private static boolean mayLowerTo(GuestProcess process, int nice) {
        long limit = process.rlimitCurrent(GuestProcess.RLIMIT_NICE);
        return Long.compareUnsigned(20 - nice, limit) <= 0;
    }

    private static NiceValue niceOf(GuestProcess process) {
        return process.state(NiceValue.class, NiceValue::new);
    }
}
