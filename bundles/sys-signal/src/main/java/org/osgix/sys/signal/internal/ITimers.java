package org.osgix.sys.signal.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SignalNumbers;
import org.osgix.syscall.SyscallContext;

/**
 * alarm, setitimer and getitimer. ITIMER_REAL counts host monotonic time; ITIMER_VIRTUAL and
 * ITIMER_PROF count the emulator process's CPU time (guest and emulator together), sampled.
 */
final class ITimers {
    static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;
    private static final int[] SIGNALS = {SignalNumbers.SIGALRM, SignalNumbers.SIGVTALRM, SignalNumbers.SIGPROF};
    private static final long NS = 1_000_000_000L, US = 1000, CPU_SAMPLE_NS = 5_000_000;

    private final ScheduledExecutorService clock;

    ITimers(ScheduledExecutorService clock) {
        this.clock = clock;
    }

    /** One process's three interval timers (guarded by this). */
    static final class State {
        final long[] deadline = new long[3]; // 0: disarmed; on each timer's own clock
        final long[] interval = new long[3];
        final ScheduledFuture<?>[] task = new ScheduledFuture<?>[3];
    }

    private static long now(int which) {
        if (which == ITIMER_REAL) {
            return System.nanoTime();
        }
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(System.nanoTime());
    }

    long setitimer(SyscallContext call) {
        int which = call.intArg(0);
        if (which < 0 || which > 2) {
            return -Errno.EINVAL;
        }
        GuestMemory mem = call.memory();
        long intervalNs = 0, valueNs = 0;
        if (call.arg1() != 0) {
            long[] tv = {mem.readLong(call.arg1()), mem.readLong(call.arg1() + 8), mem.readLong(call.arg1() + 16),
                mem.readLong(call.arg1() + 24)};
            if (tv[0] < 0 || tv[2] < 0 || tv[1] < 0 || tv[1] >= 1_000_000 || tv[3] < 0 || tv[3] >= 1_000_000) {
                return -Errno.EINVAL;
            }
            intervalNs = saturate(tv[0], tv[1] * US);
            valueNs = saturate(tv[2], tv[3] * US);
        }
        if (call.arg2() != 0 && !mem.isAccessible(call.arg2(), 32, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        long[] old = arm(call.process(), which, valueNs, intervalNs, call.arg1() != 0);
        if (call.arg2() != 0) {
            writeTimeval(mem, call.arg2(), old[1]);
            writeTimeval(mem, call.arg2() + 16, old[0]);
        }
        return 0;
    }

    long getitimer(SyscallContext call) {
        int which = call.intArg(0);
        if (which < 0 || which > 2) {
            return -Errno.EINVAL;
        }
        long[] cur = arm(call.process(), which, 0, 0, false);
        writeTimeval(call.memory(), call.arg1(), cur[1]);
        writeTimeval(call.memory(), call.arg1() + 16, cur[0]);
        return 0;
    }

    long alarm(SyscallContext call) {
        long seconds = call.uintArg(0);
        long[] old = arm(call.process(), ITIMER_REAL, seconds * NS, 0, true);
        long left = old[0];
        if (left == 0) {
            return 0;
        }
        long secs = left / NS + ((left % NS) >= NS / 2 ? 1 : 0);
        return Math.max(1, secs); // a pending alarm never reports 0
    }

    /** Replaces (when {@code set}) timer {@code which}; returns its old {remaining, interval}. */
    private long[] arm(GuestProcess process, int which, long valueNs, long intervalNs, boolean set) {
        State s = process.state(State.class, State::new);
        synchronized (s) {
            long now = now(which);
            long remaining = s.deadline[which] == 0 ? 0 : Math.max(1000, s.deadline[which] - now);
            long[] old = {remaining, s.interval[which]};
            if (set) {
                if (s.task[which] != null) {
                    s.task[which].cancel(false);
                    s.task[which] = null;
                }
                s.interval[which] = valueNs == 0 ? 0 : intervalNs;
                s.deadline[which] = valueNs == 0 ? 0 : now + valueNs;
                if (valueNs != 0) {
                    schedule(process, s, which, valueNs);
                }
            }
            return old;
        }
    }

    private void schedule(GuestProcess process, State s, int which, long delayNs) {
        long wait = which == ITIMER_REAL ? delayNs : Math.min(delayNs, CPU_SAMPLE_NS);
        s.task[which] = clock.schedule(() -> expire(process, s, which), wait, TimeUnit.NANOSECONDS);
    }

    private void expire(GuestProcess process, State s, int which) {
        synchronized (s) {
            if (s.deadline[which] == 0 || process.isExiting()) {
                return;
            }
            long now = now(which);
            if (now < s.deadline[which]) {
                schedule(process, s, which, s.deadline[which] - now); // CPU time not used up yet
                return;
            }
            if (s.interval[which] == 0) {
                s.deadline[which] = 0;
                s.task[which] = null;
            } else {
                s.deadline[which] += s.interval[which] * Math.max(1, (now - s.deadline[which]) / s.interval[which] + 1);
                schedule(process, s, which, s.deadline[which] - now);
            }
        }
        Delivery.send(process, 0, SigInfo.kernel(SIGNALS[which]));
    }

    private static long saturate(long sec, long ns) {
        return sec > Long.MAX_VALUE / NS - 1 ? Long.MAX_VALUE / 2 : sec * NS + ns;
    }

    private static void writeTimeval(GuestMemory mem, long addr, long ns) {
        mem.writeLong(addr, ns / NS);
        mem.writeLong(addr + 8, (ns % NS) / US);
    }
}
