package org.osgix.sys.thread.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.sys.thread.internal.Futex.FUTEX_CLOCK_REALTIME;
import static org.osgix.sys.thread.internal.Futex.FUTEX_CMP_REQUEUE;
import static org.osgix.sys.thread.internal.Futex.FUTEX_LOCK_PI;
import static org.osgix.sys.thread.internal.Futex.FUTEX_PRIVATE_FLAG;
import static org.osgix.sys.thread.internal.Futex.FUTEX_REQUEUE;
import static org.osgix.sys.thread.internal.Futex.FUTEX_WAIT;
import static org.osgix.sys.thread.internal.Futex.FUTEX_WAIT_BITSET;
import static org.osgix.sys.thread.internal.Futex.FUTEX_WAKE;
import static org.osgix.sys.thread.internal.Futex.FUTEX_WAKE_BITSET;
import static org.osgix.sys.thread.internal.Futex.FUTEX_WAKE_OP;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.test.support.BufferMemory;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.FakeProcess.FakeThread;

class FutexTest {
    private static final int PID = 100;
    private static final int PRIVATE = FUTEX_PRIVATE_FLAG;
    private static final long WORD = BufferMemory.at(0);
    private static final long WORD2 = BufferMemory.at(64);
    private static final long TIMESPEC = BufferMemory.at(256);
    private static final int ALL = -1;

    private final BufferMemory memory = new BufferMemory(4);
    private final FakeProcess process = new FakeProcess(PID, memory);
    /** The test memory has no shared mappings: no operation may reach the host's futexes. */
    private final Futex futex = new Futex((a, op, v, v2, a2, v3) -> {
        throw new AssertionError("a private key went to the host");
    });

    private long futex(FakeThread thread, long uaddr, int op, int val, long timeout, long uaddr2, int val3) {
        return new FakeCall("futex", thread).invoke(futex, uaddr, op, val, timeout, uaddr2, val3);
    }

    private long wake(long uaddr, int count) {
        return futex(process.mainThread(), uaddr, FUTEX_WAKE | PRIVATE, count, 0, 0, 0);
    }

    /** A guest thread blocked in FUTEX_WAIT on a Java thread; its result is the future's value. */
    private final class Waiter {
        final FakeThread guest = process.anotherThread();
        final AtomicLong result = new AtomicLong(Long.MIN_VALUE);
        final Thread thread;

        Waiter(long uaddr, int expected, int bitset) {
            int op = (bitset == ALL ? FUTEX_WAIT : FUTEX_WAIT_BITSET) | PRIVATE;
            thread = new Thread(() -> result.set(futex(guest, uaddr, op, expected, 0, 0, bitset)));
            thread.setDaemon(true);
            thread.start();
        }

        Waiter parked() throws InterruptedException {
            FutexParking.awaitParked(thread);
            return this;
        }

        long join() throws InterruptedException {
            thread.join(10_000);
            assertTrue(!thread.isAlive(), "waiter still blocked");
            return result.get();
        }
    }

    private void writeTimespec(long nanos) {
        memory.writeLong(TIMESPEC, nanos / 1_000_000_000L);
        memory.writeLong(TIMESPEC + 8, nanos % 1_000_000_000L);
    }

    @Test
    void waitReturnsEagainWhenTheWordChanged() {
        memory.writeInt(WORD, 7);
        assertEquals(-Errno.EAGAIN, futex(process.mainThread(), WORD, FUTEX_WAIT | PRIVATE, 6, 0, 0, 0));
    }

    @Test
    void waitThenWakeFromAnotherThread() throws Exception {
        Waiter waiter = new Waiter(WORD, 0, ALL).parked();
        assertEquals(1, wake(WORD, Integer.MAX_VALUE));
        assertEquals(0, waiter.join());
        assertEquals(0, wake(WORD, Integer.MAX_VALUE), "the queue is empty again");
    }

    @Test
    void wakeWakesAtMostTheCountInArrivalOrder() throws Exception {
        Waiter first = new Waiter(WORD, 0, ALL).parked();
        Waiter second = new Waiter(WORD, 0, ALL).parked();
        assertEquals(1, wake(WORD, 1));
        assertEquals(0, first.join());
        assertTrue(second.thread.isAlive(), "only the longest waiter is woken");
        assertEquals(1, wake(WORD, 0), "Linux wakes one even for a count of 0");
        assertEquals(0, second.join());
    }

    @Test
    void wakeOnAnotherAddressWakesNobody() throws Exception {
        Waiter waiter = new Waiter(WORD, 0, ALL).parked();
        assertEquals(0, wake(WORD2, Integer.MAX_VALUE));
        assertEquals(1, wake(WORD, 1));
        waiter.join();
    }

    @Test
    void relativeTimeoutReturnsEtimedoutAfterTheTimeout() {
        writeTimespec(50_000_000L);
        long start = System.nanoTime();
        assertEquals(-Errno.ETIMEDOUT, futex(process.mainThread(), WORD, FUTEX_WAIT | PRIVATE, 0, TIMESPEC, 0, 0));
        assertTrue(System.nanoTime() - start >= 50_000_000L);
    }

    @Test
    void zeroTimeoutTimesOutAtOnceButAMismatchIsStillEagain() {
        writeTimespec(0);
        assertEquals(-Errno.ETIMEDOUT, futex(process.mainThread(), WORD, FUTEX_WAIT | PRIVATE, 0, TIMESPEC, 0, 0));
        assertEquals(-Errno.EAGAIN, futex(process.mainThread(), WORD, FUTEX_WAIT | PRIVATE, 1, TIMESPEC, 0, 0));
    }

    @Test
    void waitBitsetDeadlineIsAbsoluteOnTheMonotonicClock() {
        long start = System.nanoTime();
        writeTimespec(start + 50_000_000L);
        assertEquals(-Errno.ETIMEDOUT, futex(process.mainThread(), WORD, FUTEX_WAIT_BITSET | PRIVATE, 0, TIMESPEC, 0, ALL));
        assertTrue(System.nanoTime() - start >= 50_000_000L);
        writeTimespec(1_000_000_000L); // long past
        assertEquals(-Errno.ETIMEDOUT, futex(process.mainThread(), WORD, FUTEX_WAIT_BITSET | PRIVATE, 0, TIMESPEC, 0, ALL));
    }

    @Test
    void waitBitsetDeadlineOnTheRealtimeClock() {
        long start = System.nanoTime();
        writeTimespec(Timespecs.realtimeNanos() + 50_000_000L);
        assertEquals(-Errno.ETIMEDOUT, futex(process.mainThread(), WORD,
            FUTEX_WAIT_BITSET | PRIVATE | FUTEX_CLOCK_REALTIME, 0, TIMESPEC, 0, ALL));
        assertTrue(System.nanoTime() - start >= 45_000_000L); // two clocks: allow their skew
    }

    @Test
    void interruptingTheWaitingJavaThreadGivesEintr() throws Exception {
        Waiter waiter = new Waiter(WORD, 0, ALL).parked();
        waiter.thread.interrupt();
        assertEquals(-Errno.EINTR, waiter.join());
        assertEquals(0, wake(WORD, 1), "an interrupted waiter leaves the queue");
    }

    @Test
    void aPendingExitGroupEndsTheWaitWithEintr() throws Exception {
        Waiter waiter = new Waiter(WORD, 0, ALL).parked();
        waiter.guest.setInterrupted(true); // what exit_group sets, followed by a Java interrupt
        waiter.thread.interrupt();
        assertEquals(-Errno.EINTR, waiter.join());
        FakeThread exiting = process.anotherThread();
        exiting.setInterrupted(true);
        assertEquals(-Errno.EINTR, futex(exiting, WORD, FUTEX_WAIT | PRIVATE, 0, 0, 0, 0), "no wait starts");
    }

    @Test
    void wakeBitsetWakesOnlyIntersectingWaiters() throws Exception {
        Waiter waiter = new Waiter(WORD, 0, 0b01).parked();
        assertEquals(0, futex(process.mainThread(), WORD, FUTEX_WAKE_BITSET | PRIVATE, 1, 0, 0, 0b10));
        assertEquals(1, futex(process.mainThread(), WORD, FUTEX_WAKE_BITSET | PRIVATE, 1, 0, 0, 0b11));
        assertEquals(0, waiter.join());
    }

    @Test
    void plainWakeMatchesAnyBitset() throws Exception {
        Waiter waiter = new Waiter(WORD, 0, 0x100).parked();
        assertEquals(1, wake(WORD, 1));
        assertEquals(0, waiter.join());
    }

    @Test
    void aZeroBitsetIsInvalid() {
        assertEquals(-Errno.EINVAL, futex(process.mainThread(), WORD, FUTEX_WAIT_BITSET | PRIVATE, 0, 0, 0, 0));
        assertEquals(-Errno.EINVAL, futex(process.mainThread(), WORD, FUTEX_WAIT_BITSET | PRIVATE, 9, 0, 0, 0));
        assertEquals(-Errno.EINVAL, futex(process.mainThread(), WORD, FUTEX_WAKE_BITSET | PRIVATE, 1, 0, 0, 0));
    }

    @Test
    void requeueMovesWaitersToTheSecondAddress() throws Exception {
        Waiter a = new Waiter(WORD, 0, ALL).parked();
        Waiter b = new Waiter(WORD, 0, ALL).parked();
        Waiter c = new Waiter(WORD, 0, ALL).parked();
        // wake 1, requeue up to 1: the third stays on WORD
        assertEquals(2, futex(process.mainThread(), WORD, FUTEX_REQUEUE | PRIVATE, 1, 1, WORD2, 0));
        assertEquals(0, a.join());
        assertEquals(1, wake(WORD2, Integer.MAX_VALUE));
        assertEquals(0, b.join());
        assertTrue(c.thread.isAlive());
        assertEquals(1, wake(WORD, Integer.MAX_VALUE));
        assertEquals(0, c.join());
    }

    @Test
    void requeuedWaitersCanTimeOutFromTheirNewQueue() throws Exception {
        writeTimespec(300_000_000L);
        FakeThread guest = process.anotherThread();
        CompletableFuture<Long> timed = CompletableFuture.supplyAsync(
            () -> futex(guest, WORD, FUTEX_WAIT | PRIVATE, 0, TIMESPEC, 0, 0));
        long deadline = System.nanoTime() + 5_000_000_000L;
        long moved;
        while ((moved = futex(process.mainThread(), WORD, FUTEX_REQUEUE | PRIVATE, 0, 1, WORD2, 0)) == 0) {
            assertTrue(System.nanoTime() < deadline, "waiter never queued");
            Thread.sleep(1);
        }
        assertEquals(1, moved);
        assertEquals(-Errno.ETIMEDOUT, timed.get(10, TimeUnit.SECONDS));
        assertEquals(0, wake(WORD2, Integer.MAX_VALUE), "it left the second queue");
    }

    @Test
    void cmpRequeueChecksTheFirstWord() throws Exception {
        memory.writeInt(WORD, 3);
        assertEquals(-Errno.EAGAIN, futex(process.mainThread(), WORD, FUTEX_CMP_REQUEUE | PRIVATE, 1, 1, WORD2, 4));
        Waiter waiter = new Waiter(WORD, 3, ALL).parked();
        assertEquals(1, futex(process.mainThread(), WORD, FUTEX_CMP_REQUEUE | PRIVATE, 0, 1, WORD2, 3));
        assertEquals(1, wake(WORD2, 1));
        assertEquals(0, waiter.join());
    }

    @Test
    void negativeRequeueCountsAreInvalid() {
        assertEquals(-Errno.EINVAL, futex(process.mainThread(), WORD, FUTEX_CMP_REQUEUE | PRIVATE, -1, 1, WORD2, 0));
        assertEquals(-Errno.EINVAL, futex(process.mainThread(), WORD, FUTEX_REQUEUE | PRIVATE, 1, -1, WORD2, 0));
        assertEquals(-Errno.EINVAL, futex(process.mainThread(), WORD, FUTEX_REQUEUE | PRIVATE, 1, 1, WORD2 + 1, 0));
    }

    @Test
    void wakeOpAddsAndWakesBothWhenTheComparisonHolds() throws Exception {
        memory.writeInt(WORD2, 5);
        Waiter onFirst = new Waiter(WORD, 0, ALL).parked();
        Waiter onSecond = new Waiter(WORD2, 5, ALL).parked();
        int op = FutexOp.encode(FutexOp.OP_ADD, 3, FutexOp.CMP_EQ, 5);
        assertEquals(2, futex(process.mainThread(), WORD, FUTEX_WAKE_OP | PRIVATE, 1, 1, WORD2, op));
        assertEquals(8, memory.readInt(WORD2));
        assertEquals(0, onFirst.join());
        assertEquals(0, onSecond.join());
        assertEquals(1, process.exclusiveRuns(), "the read-modify-write ran exclusively");
    }

    @Test
    void wakeOpLeavesTheSecondQueueWhenTheComparisonFails() throws Exception {
        memory.writeInt(WORD2, 5);
        Waiter onSecond = new Waiter(WORD2, 5, ALL).parked();
        int op = FutexOp.encode(FutexOp.OP_ADD, 3, FutexOp.CMP_NE, 5);
        assertEquals(0, futex(process.mainThread(), WORD, FUTEX_WAKE_OP | PRIVATE, 1, 1, WORD2, op));
        assertEquals(8, memory.readInt(WORD2));
        assertTrue(onSecond.thread.isAlive());
        assertEquals(1, wake(WORD2, 1));
        onSecond.join();
    }

    @Test
    void wakeOpOnAReadOnlyWordFaults() {
        memory.protect(1, GuestMemory.PROT_READ);
        long readOnly = BufferMemory.at(GuestMemory.PAGE_SIZE);
        int op = FutexOp.encode(FutexOp.OP_SET, 1, FutexOp.CMP_EQ, 0);
        assertEquals(-Errno.EFAULT, futex(process.mainThread(), WORD, FUTEX_WAKE_OP | PRIVATE, 1, 1, readOnly, op));
        assertEquals(0, memory.readInt(readOnly));
    }

    @Test
    void alignmentAndAddressChecksFollowLinux() {
        long unmapped = BufferMemory.BASE - 4096;
        assertEquals(-Errno.EINVAL, wake(WORD + 1, 1));
        assertEquals(-Errno.EINVAL, futex(process.mainThread(), WORD + 2, FUTEX_WAIT | PRIVATE, 0, 0, 0, 0));
        assertEquals(-Errno.EFAULT, futex(process.mainThread(), unmapped, FUTEX_WAIT | PRIVATE, 0, 0, 0, 0));
        assertEquals(0, wake(unmapped, 1), "a private key needs no page");
        assertEquals(-Errno.EFAULT, futex(process.mainThread(), unmapped, FUTEX_WAKE, 1, 0, 0, 0), "a shared key does");
        assertEquals(-Errno.EFAULT, futex(process.mainThread(), WORD, FUTEX_WAIT | PRIVATE, 0, unmapped, 0, 0),
            "unreadable timeout");
    }

    @Test
    void invalidTimeoutsAreRejectedBeforeTheWordIsCompared() {
        memory.writeLong(TIMESPEC, 0);
        memory.writeLong(TIMESPEC + 8, 1_000_000_000L);
        assertEquals(-Errno.EINVAL, futex(process.mainThread(), WORD, FUTEX_WAIT | PRIVATE, 99, TIMESPEC, 0, 0));
        memory.writeLong(TIMESPEC, -1);
        memory.writeLong(TIMESPEC + 8, 0);
        assertEquals(-Errno.EINVAL, futex(process.mainThread(), WORD, FUTEX_WAIT | PRIVATE, 0, TIMESPEC, 0, 0));
    }

    @Test
    void unsupportedOperationsAndClockFlagsAreEnosys() {
        assertEquals(-Errno.ENOSYS, futex(process.mainThread(), WORD, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, 0, 0, 0));
        assertEquals(-Errno.ENOSYS, futex(process.mainThread(), WORD, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, 0, 0, 0));
        assertEquals(-Errno.ENOSYS, futex(process.mainThread(), WORD, FUTEX_LOCK_PI | PRIVATE, 0, 0, 0, 0));
        assertEquals(-Errno.ENOSYS, futex(process.mainThread(), WORD, 2, 0, 0, 0, 0));
        assertEquals(-Errno.ENOSYS, futex(process.mainThread(), WORD, 14 | PRIVATE, 0, 0, 0, 0));
    }

    /**
     * A mutex built from futex WAIT/WAKE (0 free, 1 locked, 2 locked with waiters) protecting a
     * plain counter: any lost wake-up hangs a thread, any broken exclusion loses increments.
     */
    @Test
    void noLostWakeUpsUnderStress() throws Exception {
        int threads = 4;
        int rounds = 10_000;
        long lock = BufferMemory.at(1024);
        int[] counter = {0};
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            FakeThread guest = process.anotherThread();
            Thread worker = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    lock(guest, lock);
                    int seen = counter[0];
                    Thread.yield(); // widen the critical section so that the others block
                    counter[0] = seen + 1;
                    unlock(guest, lock);
                }
            });
            worker.setUncaughtExceptionHandler((th, e) -> {
                synchronized (failures) {
                    failures.add(e);
                }
            });
            worker.setDaemon(true); // a stuck worker must not keep the test JVM alive
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join(60_000);
            assertTrue(!worker.isAlive(), "a worker is stuck: lost wake-up");
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(threads * rounds, counter[0]);
        assertEquals(0, memory.readInt(lock));
    }

    private void lock(FakeThread guest, long lock) {
        if (memory.compareAndSetInt(lock, 0, 1)) {
            return;
        }
        while (memory.getAndSetInt(lock, 2) != 0) {
            long r = futex(guest, lock, FUTEX_WAIT | PRIVATE, 2, 0, 0, 0);
            if (r != 0 && r != -Errno.EAGAIN) {
                throw new AssertionError("wait returned " + r);
            }
        }
    }

    private void unlock(FakeThread guest, long lock) {
        if (memory.getAndSetInt(lock, 0) == 2) {
            futex(guest, lock, FUTEX_WAKE | PRIVATE, 1, 0, 0, 0);
        }
    }
}
