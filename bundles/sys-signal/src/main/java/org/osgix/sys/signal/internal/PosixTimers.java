package org.osgix.sys.signal.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SignalNumbers;
import org.osgix.syscall.SyscallContext;

/**
 * POSIX timers: timer_create (SIGEV_SIGNAL, SIGEV_THREAD_ID, SIGEV_NONE) on CLOCK_REALTIME,
 * CLOCK_MONOTONIC and CLOCK_BOOTTIME, timer_settime (TIMER_ABSTIME), timer_gettime,
 * timer_getoverrun and timer_delete. Expirations while the previous signal is still pending
 * count as overruns, as on Linux.
 */
final class PosixTimers {
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7;
    static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD_ID = 4;
    static final int TIMER_ABSTIME = 1;
    private static final long NS = 1_000_000_000L;

    private final ScheduledExecutorService clock;

    PosixTimers(ScheduledExecutorService clock) {
        this.clock = clock;
    }

    /** One timer; guarded by its process's {@link Table}. */
    static final class Timer {
        int clockId, notify, signo, tid;
        long value;
        long deadline; // System.nanoTime based; 0: disarmed
        long interval;
        int overrun, lastOverrun;
        ScheduledFuture<?> task;
    }

    /** A process's timers. */
    static final class Table {
        final Map<Integer, Timer> timers = new HashMap<>();
        int nextId;
    }

    long create(SyscallContext call) {
        int clockId = call.intArg(0);
        if (clockId != CLOCK_REALTIME && clockId != CLOCK_MONOTONIC && clockId != CLOCK_BOOTTIME) {
            return -Errno.EINVAL;
        }
        GuestMemory mem = call.memory();
        Timer t = new Timer();
        t.clockId = clockId;
        t.notify = SIGEV_SIGNAL;
        t.signo = SignalNumbers.SIGALRM;
        if (call.arg1() != 0) {
            t.value = mem.readLong(call.arg1());
            t.signo = mem.readInt(call.arg1() + 8);
            t.notify = mem.readInt(call.arg1() + 12);
            t.tid = mem.readInt(call.arg1() + 16);
            if (t.notify != SIGEV_NONE && !Signals.valid(t.signo)) {
                return -Errno.EINVAL;
            }
            if (t.notify == SIGEV_THREAD_ID) {
                if (call.process().thread(t.tid) == null) {
                    return -Errno.EINVAL;
                }
            } else if (t.notify != SIGEV_SIGNAL && t.notify != SIGEV_NONE) {
                return -Errno.EINVAL;
            }
        }
        if (!mem.isAccessible(call.arg2(), 4, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        Table table = call.process().state(Table.class, Table::new);
        int id;
        synchronized (table) {
            id = table.nextId++;
            if (call.arg1() == 0) {
                t.value = id; // Linux: sigev_value is the timer id
            }
            table.timers.put(id, t);
        }
        mem.writeInt(call.arg2(), id);
        return 0;
    }

    long settime(SyscallContext call) {
        Table table = call.process().state(Table.class, Table::new);
        GuestMemory mem = call.memory();
        long interval = readTimespec(mem, call.arg2());
        long value = readTimespec(mem, call.arg2() + 16);
        if (interval < 0 || value < 0) {
            return interval < 0 ? interval : value;
        }
        if (call.arg3() != 0 && !mem.isAccessible(call.arg3(), 32, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        GuestProcess process = call.process();
        synchronized (table) {
            Timer t = table.timers.get(call.intArg(0));
            if (t == null) {
                return -Errno.EINVAL;
            }
            if (call.arg3() != 0) {
                writeCurrent(mem, call.arg3(), t);
            }
            if (t.task != null) {
                t.task.cancel(false);
                t.task = null;
            }
            long now = System.nanoTime();
            if (value == 0) {
                t.deadline = 0;
                return 0;
            }
            long delay = value;
            if ((call.arg1() & TIMER_ABSTIME) != 0) {
                long clockNow = t.clockId == CLOCK_REALTIME ? realtimeNanos() : now; // nanoTime is CLOCK_MONOTONIC
                delay = Math.max(0, value - clockNow);
            }
            t.interval = interval;
            t.deadline = now + delay;
            t.overrun = 0;
            t.task = clock.schedule(() -> expire(process, table, t), delay, TimeUnit.NANOSECONDS);
        }
        return 0;
    }

    long gettime(SyscallContext call) {
        return withTimer(call, t -> {
            writeCurrent(call.memory(), call.arg1(), t);
            return 0;
        });
    }

    long getoverrun(SyscallContext call) {
        return withTimer(call, t -> t.lastOverrun);
    }

    /** Runs {@code op} on the timer named by the first argument under its table's lock (EINVAL: none). */
    private static long withTimer(SyscallContext call, java.util.function.ToLongFunction<Timer> op) {
        Table table = call.process().state(Table.class, Table::new);
        synchronized (table) {
            Timer t = table.timers.get(call.intArg(0));
            return t == null ? -Errno.EINVAL : op.applyAsLong(t);
        }
    }

    /** execve: every timer of the process is deleted (a disarmed one never fires again). */
    static void deleteAll(GuestProcess process) {
        Table table = process.state(Table.class, Table::new);
        synchronized (table) {
            for (Timer t : table.timers.values()) {
                if (t.task != null) {
                    t.task.cancel(false);
                }
                t.deadline = 0;
            }
            table.timers.clear();
        }
    }

    long delete(SyscallContext call) {
        Table table = call.process().state(Table.class, Table::new);
        synchronized (table) {
            Timer t = table.timers.remove(call.intArg(0));
            if (t == null) {
                return -Errno.EINVAL;
            }
            if (t.task != null) {
                t.task.cancel(false);
            }
            t.deadline = 0;
        }
        return 0;
    }

    private void expire(GuestProcess process, Table table, Timer t) {
        SigInfo info = null;
        int target = 0;
        synchronized (table) {
            if (t.deadline == 0 || process.isExiting()) {
                return;
            }
            long now = System.nanoTime();
            if (t.interval == 0) {
                t.deadline = 0;
                t.task = null;
            } else {
                long missed = (now - t.deadline) / t.interval; // expirations the scheduler ran late for
                t.overrun += (int) Math.min(Integer.MAX_VALUE, missed);
                t.deadline += t.interval * (missed + 1);
                t.task = clock.schedule(() -> expire(process, table, t), t.deadline - now, TimeUnit.NANOSECONDS);
            }
            if (t.notify == SIGEV_NONE) {
                return;
            }
            target = t.notify == SIGEV_THREAD_ID ? t.tid : 0;
            if (stillPending(process, target, t.signo)) {
                t.overrun++;
                return;
            }
            t.lastOverrun = t.overrun;
            t.overrun = 0;
            int id = idOf(table, t);
            info = new SigInfo(t.signo, 0, Signals.SI_TIMER, SigInfo.ids(id, t.lastOverrun), t.value);
        }
        Delivery.send(process, target, info);
    }

    private static boolean stillPending(GuestProcess process, int tid, int sig) {
        SignalState state = Delivery.state(process);
        synchronized (state) {
            SigQueue q = tid == 0 ? state.processPending : state.thread(tid).pending;
            return (q.mask & Signals.bit(sig)) != 0;
        }
    }

    private static int idOf(Table table, Timer t) {
        for (Map.Entry<Integer, Timer> e : table.timers.entrySet()) {
            if (e.getValue() == t) {
                return e.getKey();
            }
        }
        return -1;
    }

    private static long realtimeNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * NS + now.getNano();
    }

    /** A struct timespec as nanoseconds, or -EINVAL. */
    private static long readTimespec(GuestMemory mem, long addr) {
        long sec = mem.readLong(addr);
        long nsec = mem.readLong(addr + 8);
        if (sec < 0 || nsec < 0 || nsec >= NS) {
            return -Errno.EINVAL;
        }
        return sec > Long.MAX_VALUE / NS - 1 ? Long.MAX_VALUE / 2 : sec * NS + nsec;
    }

    private static void writeCurrent(GuestMemory mem, long addr, Timer t) {
        long left = t.deadline == 0 ? 0 : Math.max(1, t.deadline - System.nanoTime());
        mem.writeLong(addr, t.interval / NS);
        mem.writeLong(addr + 8, t.interval % NS);
        mem.writeLong(addr + 16, left / NS);
        mem.writeLong(addr + 24, left % NS);
    }
}
