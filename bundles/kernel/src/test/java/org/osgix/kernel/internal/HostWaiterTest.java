package org.osgix.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;

/** Host futex waits: woken by a host wake, ended by the word's value, the deadline and interruption. */
class HostWaiterTest {
    private static final int FUTEX_WAKE = 1, FUTEX_WAKE_BITSET = 10, ANY = -1;
    private static final long MS = 1_000_000;

    private final Host host = new PosixHost();
    private final NativeMemory mem = host.memory();
    private final long word = mem.allocate(8);
    private final HostWaiter waiter = new HostWaiter(host);

    @AfterEach
    void close() {
        waiter.close();
        mem.free(word);
    }

    private CompletableFuture<Integer> sleeper(int bitset, boolean timed, long deadline) {
        mem.putInt(word, 0);
        return CompletableFuture.supplyAsync(() -> waiter.awaitFutex(word, 0, bitset, timed, deadline, () -> false));
    }

    /** Wakes until the sleeper is asleep and woken (it may not have gone to sleep yet). */
    private long wakeUntilWoken(int op, int bitset) throws InterruptedException {
        for (int i = 0; i < 5000; i++) {
            long n = host.futex(word, op, 1, 0, 0, bitset);
            if (n != 0) {
                return n;
            }
            Thread.sleep(1);
        }
        return 0;
    }

    @Test
    void aHostWakeEndsTheWaitWithZero() throws Exception {
        CompletableFuture<Integer> result = sleeper(ANY, false, 0);
        assertEquals(1, wakeUntilWoken(FUTEX_WAKE, ANY));
        assertEquals(0, result.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aDifferentWordIsEagainAndAPastDeadlineEtimedout() {
        mem.putInt(word, 1);
        assertEquals(-Errno.EAGAIN, waiter.awaitFutex(word, 0, ANY, false, 0, () -> false));
        mem.putInt(word, 0);
        assertEquals(-Errno.ETIMEDOUT, waiter.awaitFutex(word, 0, ANY, true, System.nanoTime() + 30 * MS, () -> false));
        assertEquals(-Errno.ETIMEDOUT, waiter.awaitFutex(word, 0, 0x4, true, System.nanoTime() + 30 * MS, () -> false));
    }

    @Test
    void interruptionEndsASleepingWaitAndKeepsEndingLaterOnes() throws Exception {
        CompletableFuture<Integer> result = sleeper(ANY, false, 0);
        Thread.sleep(100);
        assertFalse(result.isDone());
        waiter.interrupt();
        assertEquals(-Errno.EINTR, result.get(5, TimeUnit.SECONDS));
        assertEquals(-Errno.EINTR, waiter.awaitFutex(word, 0, ANY, false, 0, () -> false));
    }

    @Test
    void aKickEndsOneWaitUntilCleared() throws Exception {
        CompletableFuture<Integer> result = sleeper(ANY, false, 0);
        Thread.sleep(100);
        waiter.kick();
        assertEquals(-Errno.EINTR, result.get(5, TimeUnit.SECONDS));
        waiter.clearKick();
        assertEquals(-Errno.ETIMEDOUT, waiter.awaitFutex(word, 0, ANY, true, System.nanoTime() + 10 * MS, () -> false));
    }

    @Test
    void aBitsetWaitIgnoresDisjointWakesAndSeesTheThreadsInterruption() throws Exception {
        CompletableFuture<Integer> result = sleeper(0x1, false, 0);
        Thread.sleep(100);
        assertEquals(0, host.futex(word, FUTEX_WAKE_BITSET, 1, 0, 0, 0x2));
        assertEquals(1, wakeUntilWoken(FUTEX_WAKE_BITSET, 0x1));
        assertEquals(0, result.get(5, TimeUnit.SECONDS));
        AtomicBoolean interrupted = new AtomicBoolean();
        mem.putInt(word, 0);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(
                () -> waiter.awaitFutex(word, 0, 0x1, false, 0, interrupted::get));
        Thread.sleep(100);
        interrupted.set(true); // between two slices the waiter looks
        assertEquals(-Errno.EINTR, second.get(5, TimeUnit.SECONDS));
    }
}
