package org.osgix.sys.time.internal;

import java.util.concurrent.locks.LockSupport;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * nanosleep and clock_nanosleep. Relative sleeps park against a System.nanoTime deadline (the
 * host's CLOCK_MONOTONIC); absolute sleeps re-read the guest's clock after each park so they
 * end on that clock's time. Every wait ends early with -EINTR when the Java thread is
 * interrupted or the guest thread must stop; relative sleeps then report the time left, and every
 * sleep leaves a restart block that resumes it at the same deadline (restart_syscall).
 */
final class Sleep {
    static final int TIMER_ABSTIME = 1;
    /** Caps sleep lengths so deadline arithmetic cannot overflow (about 146 years). */
    private static final long LONGEST_SLEEP = Long.MAX_VALUE / 2;
    /** How often a CPU-time sleep at least looks at the process CPU clock. */
    private static final long CPU_CLOCK_POLL = 1_000_000;

    private final Host host;
    private final int cpus = Runtime.getRuntime().availableProcessors();

    Sleep(Host host) {
        this.host = host;
    }

    /** nanosleep(req, rem): a relative sleep on CLOCK_MONOTONIC. */
    long nanosleep(SyscallContext call) {
        long request = readRequest(call.memory(), call.arg0());
        if (request < 0) {
            return request;
        }
        return sleepFor(call, request, call.arg1());
    }

    /** clock_nanosleep(clockid, flags, req, rem). */
    long clockNanosleep(SyscallContext call) {
        int hostClock = ClockIds.hostClock(call.intArg(0), call);
        if (hostClock == ClockIds.INVALID) {
            return -Errno.EINVAL;
        }
        if (!canSleepOn(hostClock)) {
            return -Errno.EOPNOTSUPP;
        }
        long request = readRequest(call.memory(), call.arg2());
        if (request < 0) {
            return request;
        }
        if (ClockIds.isThreadCpuClock(hostClock)) {
            return -Errno.EINVAL; // the kernel refuses to sleep on the caller's own thread clock
        }
        int flags = call.intArg(1);
        boolean absolute = (flags & TIMER_ABSTIME) != 0;
        if (ClockIds.isAlarm(hostClock)) {
            int allowed = alarmAllowed(hostClock, flags);
            if (allowed < 0) {
                return allowed;
            }
            hostClock = hostClock == ClockIds.REALTIME_ALARM ? ClockIds.REALTIME : ClockIds.BOOTTIME;
        }
        boolean cpuTime = ClockIds.isProcessCpuClock(hostClock);
        if (!absolute && !cpuTime) {
            return sleepFor(call, request, call.arg3());
        }
        return sleepOnClock(call, hostClock, cpuTime, absolute, request, absolute ? 0 : call.arg3());
    }

    /** Linux has no nanosleep for the raw, coarse and static thread CPU clocks. */
    private static boolean canSleepOn(int hostClock) {
        return hostClock != ClockIds.MONOTONIC_RAW && hostClock != ClockIds.REALTIME_COARSE
            && hostClock != ClockIds.MONOTONIC_COARSE && hostClock != ClockIds.THREAD_CPUTIME_ID;
    }

    /** Alarm clocks need an RTC on the host and CAP_WAKE_ALARM (only root has it here). */
    private int alarmAllowed(int hostClock, int flags) {
        if (!HostClock.available(host, hostClock)) {
            return -Errno.EOPNOTSUPP;
        }
        if ((flags & ~TIMER_ABSTIME) != 0) {
            return -Errno.EINVAL;
        }
        return host.geteuid() == 0 ? 0 : -Errno.EPERM;
    }

    /** Reads and validates a sleep request: its length in nanoseconds, -EFAULT or -EINVAL. */
    private static long readRequest(GuestMemory memory, long addr) {
        if (!memory.isAccessible(addr, Timespecs.SIZE, GuestMemory.PROT_READ)) {
            return -Errno.EFAULT;
        }
        long seconds = memory.readLong(addr);
        long nanos = memory.readLong(addr + 8);
        if (!Timespecs.valid(seconds, nanos)) {
            return -Errno.EINVAL;
        }
        return Math.min(Timespecs.toNanos(seconds, nanos), LONGEST_SLEEP);
    }

    /** A relative sleep measured on the host's monotonic clock. */
    private static long sleepFor(SyscallContext call, long nanos, long remainAddr) {
        return sleepUntil(call, System.nanoTime() + nanos, remainAddr);
    }

    /** Sleeps until the System.nanoTime {@code deadline}; interrupted, leaves its own continuation. */
    private static long sleepUntil(SyscallContext call, long deadline, long remainAddr) {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            if (interrupted(call)) {
                // Linux's -ERESTART_RESTARTBLOCK: without a handler the sleep goes on to the same deadline
                call.thread().setRestartBlock(c -> sleepUntil(c, deadline, remainAddr));
                return interruptedWithRemainder(call, remainAddr, left);
            }
            LockSupport.parkNanos(left);
        }
    }

    /**
     * A sleep measured on a host clock: until {@code amount} (absolute) or until the clock has
     * advanced by {@code amount}. CPU clocks advance at most {@code cpus} times faster than wall
     * time, so those waits park for a fraction of what is left and look again.
     */
    private long sleepOnClock(SyscallContext call, int hostClock, boolean cpuTime, boolean absolute,
            long amount, long remainAddr) {
        try (HostClock clock = new HostClock(host)) {
            long now = clock.nanos(hostClock);
            if (now == HostClock.UNAVAILABLE) {
                return -Errno.EINVAL;
            }
            long target = absolute ? amount : now + amount;
            while (true) {
                long left = target - now;
                if (left <= 0) {
                    return 0;
                }
                if (interrupted(call)) {
                    call.thread().setRestartBlock(c -> sleepOnClock(c, hostClock, cpuTime, true, target, remainAddr));
                    return interruptedWithRemainder(call, remainAddr, left);
                }
                LockSupport.parkNanos(cpuTime ? Math.max(left / cpus, CPU_CLOCK_POLL) : left);
                now = clock.nanos(hostClock);
            }
        }
    }

    /** Clears the Java interrupt as InterruptedException would; also honours a pending exit. */
    private static boolean interrupted(SyscallContext call) {
        return Thread.interrupted() || call.thread().isInterrupted();
    }

    private static long interruptedWithRemainder(SyscallContext call, long remainAddr, long left) {
        if (remainAddr != 0 && Timespecs.write(call.memory(), remainAddr, left) < 0) {
            call.thread().setRestartBlock(null); // EFAULT is no interruption: nothing to resume
            return -Errno.EFAULT;
        }
        return -Errno.EINTR;
    }
}
