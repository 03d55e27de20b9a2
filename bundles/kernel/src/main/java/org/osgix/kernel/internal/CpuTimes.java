package org.osgix.kernel.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPU time of one process's guest threads (getrusage, times): each guest thread is a Java
 * thread of its own, so its host thread's times are the guest thread's; the JVM's other threads
 * are left out. A thread adds its times here when it ends (at its exit call, so a joiner that
 * wakes from the exit's futex wake finds them).
 */
final class CpuTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final AtomicLong endedUser = new AtomicLong();
    private final AtomicLong endedTotal = new AtomicLong();

    /**
     * Called by an ending guest thread on itself, at its exit call (before it wakes a joiner) and
     * when its Java thread ends; the first call counts.
     */
    void threadEnded(GuestThreadImpl thread) {
        if (!thread.markCpuAccounted()) {
            return;
        }
        long total = THREADS.getCurrentThreadCpuTime();
        long user = THREADS.getCurrentThreadUserTime();
        if (total > 0) {
            endedTotal.addAndGet(total);
            endedUser.addAndGet(Math.max(user, 0));
        }
    }

    /** {user, system} nanoseconds of the ended threads and of {@code live}. */
    long[] sum(Collection<GuestThreadImpl> live) {
        long user = endedUser.get();
        long total = endedTotal.get();
        for (GuestThreadImpl t : live) {
            if (t.cpuAccounted()) {
                continue; // ending: its time is in the ended sums
            }
            long threadTotal = THREADS.getThreadCpuTime(t.javaThreadId());
            if (threadTotal > 0) { // -1: the thread ended meanwhile (its times are in the ended sums)
                total += threadTotal;
                user += Math.max(THREADS.getThreadUserTime(t.javaThreadId()), 0);
            }
        }
        return new long[] {user, Math.max(total - user, 0)};
    }
}
