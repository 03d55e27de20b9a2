package org.osgix.sys.time.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.PagedMemory;

class SleepTest {
    private static final Host HOST = new PosixHost();
    private static final long MS = 1_000_000;
    private final PagedMemory memory = new PagedMemory(HOST.memory(), 1);
    private final FakeProcess process = new FakeProcess(77, memory);
    private final FakeCall call = new FakeCall(process);
    private final Sleep sleep = new Sleep(HOST);
    private final long req = memory.base();
    private final long rem = memory.base() + 16;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void cleanUp() {
        timer.shutdownNow();
        Thread.interrupted();
        memory.close();
    }

    private void request(long seconds, long nanos) {
        memory.writeLong(req, seconds);
        memory.writeLong(req + 8, nanos);
    }

    private long remainingNanos() {
        return memory.readLong(rem) * 1_000_000_000L + memory.readLong(rem + 8);
    }

    private void interruptMeIn(long millis) {
        Thread me = Thread.currentThread();
        timer.schedule(me::interrupt, millis, TimeUnit.MILLISECONDS);
    }

    @Test
    void nanosleepSleepsForTheRequestedTime() {
        request(0, 20 * MS);
        long start = System.nanoTime();
        assertEquals(0, call.invoke(sleep::nanosleep, req, rem));
        long slept = System.nanoTime() - start;
        assertTrue(slept >= 20 * MS && slept < 200 * MS, "slept " + slept);
    }

    @Test
    void shortSleepsOvershootLittle() {
        request(0, MS);
        long[] overshoots = new long[21];
        for (int i = 0; i < overshoots.length; i++) {
            long start = System.nanoTime();
            assertEquals(0, call.invoke(sleep::nanosleep, req, 0));
            overshoots[i] = System.nanoTime() - start - MS;
            assertTrue(overshoots[i] >= 0, "woke early by " + -overshoots[i]);
        }
        java.util.Arrays.sort(overshoots);
        long median = overshoots[overshoots.length / 2];
        System.out.printf("nanosleep(1 ms) median overshoot: %d us%n", median / 1000);
        assertTrue(median < 10 * MS, "median overshoot " + median);
    }

    @Test
    void nanosleepRejectsMalformedRequests() {
        request(0, 1_000_000_000);
        assertEquals(-Errno.EINVAL, call.invoke(sleep::nanosleep, req, 0));
        request(-1, 0);
        assertEquals(-Errno.EINVAL, call.invoke(sleep::nanosleep, req, 0));
        request(0, -1);
        assertEquals(-Errno.EINVAL, call.invoke(sleep::nanosleep, req, 0));
        assertEquals(-Errno.EFAULT, call.invoke(sleep::nanosleep, 8, 0));
        request(0, 1000);
        assertEquals(0, call.invoke(sleep::nanosleep, req, 8), "rem is only written when interrupted");
    }

    @Test
    void interruptedSleepReturnsEintrAndTheTimeLeft() {
        request(10, 0);
        interruptMeIn(50);
        long start = System.nanoTime();
        assertEquals(-Errno.EINTR, call.invoke(sleep::nanosleep, req, rem));
        long slept = System.nanoTime() - start;
        assertTrue(slept < 2_000 * MS, "slept " + slept);
        long left = remainingNanos();
        assertTrue(left > 10_000 * MS - slept - 50 * MS && left <= 10_000 * MS - slept + 5 * MS, "left " + left);
        assertTrue(memory.readLong(rem + 8) < 1_000_000_000L);
        assertTrue(!Thread.currentThread().isInterrupted(), "the interrupt is consumed like InterruptedException");
    }

    @Test
    void anInterruptedSleepResumesAtItsDeadlineThroughTheRestartBlock() {
        request(0, 300 * MS);
        interruptMeIn(50);
        long start = System.nanoTime();
        assertEquals(-Errno.EINTR, call.invoke(sleep::nanosleep, req, rem));
        org.osgix.syscall.SyscallHandler resume = process.mainThread().restartBlock();
        assertTrue(resume != null, "an interrupted sleep leaves its continuation (restart_syscall)");
        assertEquals(0, call.invoke(resume));
        long slept = System.nanoTime() - start;
        assertTrue(slept >= 300 * MS && slept < 340 * MS, "the remaining time, not the full request again: " + slept);
    }

    @Test
    void interruptedSleepWithABadRemainderPointerIsEfault() {
        request(10, 0);
        interruptMeIn(20);
        assertEquals(-Errno.EFAULT, call.invoke(sleep::nanosleep, req, 8));
    }

    @Test
    void aPendingExitEndsTheSleepAtOnce() {
        process.mainThread().markExitPending();
        request(5, 0);
        long start = System.nanoTime();
        assertEquals(-Errno.EINTR, call.invoke(sleep::clockNanosleep, ClockIds.MONOTONIC, 0, req, rem));
        assertTrue(System.nanoTime() - start < 1_000 * MS);
        assertTrue(remainingNanos() > 4_000 * MS);
    }

    @Test
    void absoluteSleepEndsAtTheClocksDeadline() {
        long target = System.nanoTime() + 30 * MS; // System.nanoTime is CLOCK_MONOTONIC
        request(target / 1_000_000_000L, target % 1_000_000_000L);
        assertEquals(0, call.invoke(sleep::clockNanosleep, ClockIds.MONOTONIC, Sleep.TIMER_ABSTIME, req, 0));
        long late = System.nanoTime() - target;
        assertTrue(late >= 0 && late < 200 * MS, "late by " + late);
    }

    @Test
    void absoluteRealtimeSleepAndPastDeadlines() {
        long target = System.currentTimeMillis() * MS + 30 * MS;
        request(target / 1_000_000_000L, target % 1_000_000_000L);
        long start = System.nanoTime();
        assertEquals(0, call.invoke(sleep::clockNanosleep, ClockIds.REALTIME, Sleep.TIMER_ABSTIME, req, 0));
        assertTrue(System.nanoTime() - start >= 15 * MS);
        request(1, 0);
        assertEquals(0, call.invoke(sleep::clockNanosleep, ClockIds.TAI, Sleep.TIMER_ABSTIME, req, 0));
        assertEquals(0, call.invoke(sleep::clockNanosleep, ClockIds.BOOTTIME, Sleep.TIMER_ABSTIME, req, 0));
    }

    @Test
    void interruptedAbsoluteSleepLeavesRemAlone() {
        long target = System.nanoTime() + 10_000 * MS;
        request(target / 1_000_000_000L, target % 1_000_000_000L);
        memory.writeLong(rem, 1234);
        interruptMeIn(20);
        assertEquals(-Errno.EINTR, call.invoke(sleep::clockNanosleep, ClockIds.MONOTONIC, Sleep.TIMER_ABSTIME, req, rem));
        assertEquals(1234, memory.readLong(rem));
    }

    @Test
    void clockNanosleepChecksTheClockBeforeTheRequest() {
        for (int id : new int[] {ClockIds.THREAD_CPUTIME_ID, ClockIds.MONOTONIC_RAW, ClockIds.REALTIME_COARSE,
                ClockIds.MONOTONIC_COARSE}) {
            assertEquals(-Errno.EOPNOTSUPP, call.invoke(sleep::clockNanosleep, id, 0, 8, 0), "clock " + id);
        }
        assertEquals(-Errno.EINVAL, call.invoke(sleep::clockNanosleep, 10, 0, 8, 0));
        assertEquals(-Errno.EFAULT, call.invoke(sleep::clockNanosleep, ClockIds.MONOTONIC, 0, 8, 0));
        long ownThreadClock = -2;
        assertEquals(-Errno.EFAULT, call.invoke(sleep::clockNanosleep, ownThreadClock, 0, 8, 0));
        request(0, 1000);
        assertEquals(-Errno.EINVAL, call.invoke(sleep::clockNanosleep, ownThreadClock, 0, req, 0));
        request(0, 1_000_000_000);
        assertEquals(-Errno.EINVAL, call.invoke(sleep::clockNanosleep, ClockIds.REALTIME, Sleep.TIMER_ABSTIME, req, 0));
        request(0, 1000);
        assertEquals(0, call.invoke(sleep::clockNanosleep, ClockIds.MONOTONIC, 2, req, 0), "unknown flags are ignored");
    }

    @Test
    void alarmClocksFollowTheHost() {
        request(0, 1000);
        long expected = !HostClock.available(HOST, ClockIds.REALTIME_ALARM) ? -Errno.EOPNOTSUPP
            : HOST.geteuid() == 0 ? 0 : -Errno.EPERM;
        assertEquals(expected, call.invoke(sleep::clockNanosleep, ClockIds.REALTIME_ALARM, 0, req, 0));
    }

    @Test
    void processCpuClockSleepWaitsForCpuTimeToBeUsed() throws Exception {
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread burner = new Thread(() -> {
            while (spin.get()) {
                Thread.onSpinWait();
            }
        });
        burner.start();
        try {
            request(0, 20 * MS);
            long start = System.nanoTime();
            assertEquals(0, call.invoke(sleep::clockNanosleep, ClockIds.PROCESS_CPUTIME_ID, 0, req, 0));
            long slept = System.nanoTime() - start;
            assertTrue(slept >= 20 * MS / Runtime.getRuntime().availableProcessors(), "slept " + slept);
            assertTrue(slept < 2_000 * MS, "slept " + slept);
        } finally {
            spin.set(false);
            burner.join();
        }
    }
}
