package org.osgix.sys.time.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallHandler;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.PagedMemory;

class ClocksTest {
    private static final Host HOST = new PosixHost();
    private final PagedMemory memory = new PagedMemory(HOST.memory(), 2);
    private final FakeProcess process = new FakeProcess(4242, memory);
    private final FakeCall call = new FakeCall(process);
    private final Clocks clocks = new Clocks(HOST, new ClockResolution(HOST));
    private final long buf = memory.base() + 64;

    @AfterEach
    void free() {
        memory.close();
    }

    private long seconds(long addr) {
        return memory.readLong(addr);
    }

    private long nanos(long addr) {
        return memory.readLong(addr + 8);
    }

    @Test
    void realtimeMatchesTheJavaWallClock() {
        assertEquals(0, call.invoke(clocks::clockGettime, ClockIds.REALTIME, buf));
        long millis = seconds(buf) * 1000 + nanos(buf) / 1_000_000;
        assertTrue(Math.abs(millis - System.currentTimeMillis()) < 1000, "realtime " + millis);
        assertTrue(nanos(buf) >= 0 && nanos(buf) < 1_000_000_000L);
    }

    @Test
    void monotonicMatchesSystemNanoTime() {
        long before = System.nanoTime();
        assertEquals(0, call.invoke(clocks::clockGettime, ClockIds.MONOTONIC, buf));
        long after = System.nanoTime();
        long value = seconds(buf) * 1_000_000_000L + nanos(buf);
        assertTrue(value >= before && value <= after, before + " <= " + value + " <= " + after);
    }

    @Test
    void everyLinuxClockIdIsReadableAndOthersAreInvalid() {
        for (int id : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 11}) {
            assertEquals(0, call.invoke(clocks::clockGettime, id, buf), "clock " + id);
        }
        for (int id : new int[] {ClockIds.REALTIME_ALARM, ClockIds.BOOTTIME_ALARM}) {
            long expected = HostClock.available(HOST, id) ? 0 : -Errno.EINVAL; // alarm clocks need an RTC
            assertEquals(expected, call.invoke(clocks::clockGettime, id, buf), "clock " + id);
        }
        for (long id : new long[] {10, 12, 16, -1, -5, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertEquals(-Errno.EINVAL, call.invoke(clocks::clockGettime, id, buf), "clock " + id);
        }
    }

    @Test
    void badBufferIsEfaultButAnInvalidClockIsReportedFirst() {
        assertEquals(-Errno.EFAULT, call.invoke(clocks::clockGettime, ClockIds.MONOTONIC, 8));
        assertEquals(-Errno.EFAULT, call.invoke(clocks::clockGettime, ClockIds.MONOTONIC, memory.end() - 8));
        memory.protect(memory.base() + 4096, memory.end() - (memory.base() + 4096), GuestMemory.PROT_READ);
        assertEquals(-Errno.EFAULT, call.invoke(clocks::clockGettime, ClockIds.MONOTONIC, memory.base() + 4096));
        assertEquals(-Errno.EINVAL, call.invoke(clocks::clockGettime, 10, 8));
    }

    @Test
    void cpuClocksOfTheCallerWorkAndOthersAreInvalid() {
        int pid = process.pid();
        int tid = process.mainThread().tid();
        long ownProcessSched = (~pid << 3) | 2;
        long ownThreadSched = (~tid << 3) | 4 | 2;
        long processPid0 = -6;
        long threadTid0 = -2;
        for (long id : new long[] {ownProcessSched, ownThreadSched, processPid0, threadTid0, -8, -7, -4, -3}) {
            assertEquals(0, call.invoke(clocks::clockGettime, id, buf), "clock " + id);
        }
        long otherProcess = (~(pid + 100) << 3) | 2;
        long otherThread = (~pid << 3) | 4 | 2; // the pid is not a thread of the caller here
        long processClockOfTheTid = (~tid << 3) | 2;
        assertEquals(-Errno.EINVAL, call.invoke(clocks::clockGettime, otherProcess, buf));
        assertEquals(-Errno.EINVAL, call.invoke(clocks::clockGettime, otherThread, buf));
        assertEquals(-Errno.EINVAL, call.invoke(clocks::clockGettime, processClockOfTheTid, buf));
    }

    @Test
    void threadCpuClockAgreesWithTheJvmsViewOfThisThread() {
        java.lang.management.ThreadMXBean jvm = ManagementFactory.getThreadMXBean();
        long jvmBefore = jvm.getCurrentThreadCpuTime();
        call.invoke(clocks::clockGettime, ClockIds.THREAD_CPUTIME_ID, buf);
        long before = seconds(buf) * 1_000_000_000L + nanos(buf);
        while (jvm.getCurrentThreadCpuTime() - jvmBefore < 30_000_000) {
            Thread.onSpinWait();
        }
        call.invoke(clocks::clockGettime, ClockIds.THREAD_CPUTIME_ID, buf);
        long used = seconds(buf) * 1_000_000_000L + nanos(buf) - before;
        long jvmUsed = jvm.getCurrentThreadCpuTime() - jvmBefore;
        assertTrue(used >= 25_000_000 && Math.abs(used - jvmUsed) < 5_000_000, "thread CPU " + used + " vs " + jvmUsed);
    }

    @Test
    void clockGettimeAllocatesNothingOnceWarm() {
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SyscallHandler handler = clocks::clockGettime;
        call.arguments(ClockIds.MONOTONIC, buf);
        for (int i = 0; i < 50_000; i++) {
            handler.handle(call);
        }
        long id = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        int calls = 100_000;
        long failures = 0;
        for (int i = 0; i < calls; i++) {
            failures += handler.handle(call);
        }
        long elapsed = System.nanoTime() - start;
        long allocated = threads.getThreadAllocatedBytes(id) - allocatedBefore;
        System.out.printf("clock_gettime handler: %d ns/call, %d bytes allocated in %d calls%n",
            elapsed / calls, allocated, calls);
        assertEquals(0, failures);
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
    }

    @Test
    void getresReportsNanosecondsForHighResolutionClocksAndTheTickForCoarseOnes() {
        assertEquals(0, call.invoke(clocks::clockGetres, ClockIds.MONOTONIC, buf));
        assertEquals(0, seconds(buf));
        assertEquals(1, nanos(buf));
        assertEquals(0, call.invoke(clocks::clockGetres, ClockIds.REALTIME_COARSE, buf));
        assertTrue(java.util.Set.of(1_000_000L, 3_333_333L, 4_000_000L, 10_000_000L).contains(nanos(buf)),
            "tick " + nanos(buf));
        assertEquals(0, call.invoke(clocks::clockGetres, ClockIds.BOOTTIME, 0));
        assertEquals(-Errno.EINVAL, call.invoke(clocks::clockGetres, 10, 0));
        assertEquals(-Errno.EFAULT, call.invoke(clocks::clockGetres, ClockIds.MONOTONIC, 8));
    }

    @Test
    void tickSnapsToKernelTickLengths() {
        assertEquals(4_000_000, ClockResolution.snap(3_990_000));
        assertEquals(10_000_000, ClockResolution.snap(9_000_000));
        assertEquals(3_333_333, ClockResolution.snap(3_340_000));
        assertEquals(1_000_000, ClockResolution.snap(1_000_010));
        assertEquals(4_000_000, ClockResolution.snap(0));
    }

    @Test
    void gettimeofdayWritesMicrosecondsAndAZeroTimezone() {
        long tz = buf + 32;
        memory.fill(tz, 8, (byte) 0x55);
        assertEquals(0, call.invoke(clocks::gettimeofday, buf, tz));
        long micros = nanos(buf);
        assertTrue(micros >= 0 && micros < 1_000_000, "usec " + micros);
        assertTrue(Math.abs(seconds(buf) * 1000 + micros / 1000 - System.currentTimeMillis()) < 1000);
        assertEquals(0, memory.readLong(tz));
    }

    @Test
    void gettimeofdayAcceptsNullsAndFaultsOnBadPointers() {
        assertEquals(0, call.invoke(clocks::gettimeofday, 0, 0));
        assertEquals(0, call.invoke(clocks::gettimeofday, 0, buf));
        assertEquals(-Errno.EFAULT, call.invoke(clocks::gettimeofday, 8, 0));
        assertEquals(-Errno.EFAULT, call.invoke(clocks::gettimeofday, buf, 8));
    }

    @Test
    void timeReturnsSecondsAndStoresThemWhenAsked() {
        long now = System.currentTimeMillis() / 1000;
        long result = call.invoke(clocks::time, 0);
        assertTrue(result >= now && result <= now + 1);
        long stored = call.invoke(clocks::time, buf);
        assertEquals(stored, memory.readLong(buf));
        assertEquals(-Errno.EFAULT, call.invoke(clocks::time, 8));
    }
}
