package org.osgix.sys.poll.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.poll.PollEvents;
import org.osgix.test.support.HostFds;
import org.osgix.test.support.PollingThread;

/**
 * Hot swapping: backends come and go while guest threads wait on and write to registered files.
 * Every edge-triggered event arrives exactly once, every level-triggered one at least once, and
 * no host fd outlives the guest.
 */
class MigrationTest {
    private static final int SWAPS = 100;

    private PollGuest guest;
    private int fdsBefore;

    @BeforeEach
    void start() {
        guest = new PollGuest();
        fdsBefore = guest.host.openFdCount();
    }

    @AfterEach
    void stop() {
        guest.close();
    }

    @Test
    void edgeTriggeredEventsArriveExactlyOnceAcross100Swaps() throws Exception {
        guest.offer(guest.epoll);
        int ep = guest.epollCreate();
        int efd = guest.eventfd(0, PollGuest.EFD_NONBLOCK);
        assertEquals(0, guest.ctl(ep, PollGuest.EPOLL_CTL_ADD, efd, PollEvents.IN | PollEvents.ET, 77));
        int writes = 300;
        Semaphore consumed = new Semaphore(0);
        AtomicInteger events = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            PollingThread me = new PollingThread(guest.host, guest.process);
            long total = 0;
            while (total < writes) {
                List<long[]> got = guest.await(me, ep, 4, 2000);
                if (got.isEmpty()) {
                    continue; // swaps are not events; a timeout just waits again
                }
                if (got.size() != 1 || got.get(0)[1] != 77) {
                    problem.compareAndSet(null, "unexpected wait result " + got.size() + " " + got.get(0)[0]);
                    return;
                }
                events.incrementAndGet();
                long value = guest.take(efd);
                if (value != 1) {
                    problem.compareAndSet(null, "counter " + value + " after event " + events.get());
                }
                total += value;
                consumed.release();
            }
        });
        waiter.start();
        Thread swapper = swapper(SWAPS, false);
        swapper.start();
        for (int i = 0; i < writes; i++) {
            guest.add(efd, 1);
            assertTrue(consumed.tryAcquire(10, TimeUnit.SECONDS), "event " + i + " was lost");
        }
        swapper.join();
        waiter.join(10_000);
        assertNull(problem.get());
        assertEquals(writes, events.get(), "one event per write");
        assertTrue(guest.await(ep, 4, 0).isEmpty(), "no duplicate left over");
        closeAndCheckLeaks(ep, efd);
    }

    @Test
    void edgeTriggeredEventsAreNeverLostAcrossTimesWithoutBackend() throws Exception {
        guest.offer(guest.epoll);
        int ep = guest.epollCreate();
        int efd = guest.eventfd(0, PollGuest.EFD_NONBLOCK);
        assertEquals(0, guest.ctl(ep, PollGuest.EPOLL_CTL_ADD, efd, PollEvents.IN | PollEvents.ET, 9));
        int writes = 200;
        Semaphore consumed = new Semaphore(0);
        Thread waiter = new Thread(() -> {
            PollingThread me = new PollingThread(guest.host, guest.process);
            long total = 0;
            while (total < writes) {
                for (long[] e : guest.await(me, ep, 4, 2000)) {
                    long value = guest.take(efd);
                    total += value;
                    if (value > 0) {
                        consumed.release();
                    }
                }
            }
        });
        waiter.start();
        Thread swapper = swapper(SWAPS, true);
        swapper.start();
        for (int i = 0; i < writes; i++) {
            guest.add(efd, 1);
            assertTrue(consumed.tryAcquire(10, TimeUnit.SECONDS), "event " + i + " was lost");
        }
        swapper.join();
        waiter.join(10_000);
        closeAndCheckLeaks(ep, efd);
    }

    @Test
    void levelTriggeredEventsArriveAtLeastOnceWhileSwapping() throws Exception {
        guest.offer(guest.kqueue);
        int ep = guest.epollCreate();
        int[] efds = new int[8];
        for (int i = 0; i < efds.length; i++) {
            efds[i] = guest.eventfd(0, PollGuest.EFD_NONBLOCK);
            assertEquals(0, guest.ctl(ep, PollGuest.EPOLL_CTL_ADD, efds[i], PollEvents.IN, i));
        }
        int rounds = 200;
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<String> problem = new AtomicReference<>();
        long[] seen = new long[efds.length];
        Thread waiter = new Thread(() -> {
            PollingThread me = new PollingThread(guest.host, guest.process);
            int consumed = 0;
            while (consumed < rounds) {
                for (long[] e : guest.await(me, ep, 8, 2000)) {
                    if (e.length != 2 || e[0] != PollEvents.IN) {
                        problem.compareAndSet(null, "bad event " + e[0]);
                        done.countDown();
                        return;
                    }
                    long value = guest.take(efds[(int) e[1]]);
                    seen[(int) e[1]] += value;
                    consumed += value;
                }
            }
            done.countDown();
        });
        waiter.start();
        Thread swapper = swapper(SWAPS, true);
        swapper.start();
        for (int i = 0; i < rounds; i++) {
            guest.add(efds[i % efds.length], 1);
            if (i % 10 == 0) {
                Thread.sleep(1);
            }
        }
        assertTrue(done.await(20, TimeUnit.SECONDS), "a level-triggered event was lost");
        swapper.join();
        assertNull(problem.get());
        for (int i = 0; i < efds.length; i++) {
            assertEquals(rounds / efds.length, seen[i], "writes to eventfd " + i);
        }
        for (int efd : efds) {
            assertEquals(0, guest.close(efd));
        }
        closeAndCheckLeaks(ep);
    }

    @Test
    void aWaiterWithoutBackendIsServedWhenOneArrives() throws Exception {
        int ep = guest.epollCreate();
        int efd = guest.eventfd(1, PollGuest.EFD_NONBLOCK);
        assertEquals(0, guest.ctl(ep, PollGuest.EPOLL_CTL_ADD, efd, PollEvents.IN, 5));
        assertTrue(guest.await(ep, 4, 0).isEmpty(), "nothing watches the host yet");
        AtomicReference<List<long[]>> got = new AtomicReference<>();
        Thread waiter = new Thread(() -> got.set(guest.await(new PollingThread(guest.host, guest.process), ep, 4, 5000)));
        waiter.start();
        Thread.sleep(50);
        guest.offer(guest.kqueue);
        waiter.join();
        assertEquals(1, got.get().size());
        assertEquals(5, got.get().get(0)[1]);
        closeAndCheckLeaks(ep, efd);
    }

    @Test
    void instancesFollowTheBestBackendOrTheOneTheProcessNamed() {
        guest.offer(guest.kqueue);
        int best = guest.epollCreate();
        guest.process.setOption("poll", "kqueue");
        int named = guest.epollCreate();
        EpollInstance bestInstance = instance(best);
        EpollInstance namedInstance = instance(named);
        assertSame(guest.kqueue.backend(), bestInstance.backend());
        guest.offer(guest.epoll);
        assertSame(guest.epoll.backend(), bestInstance.backend(), "epoll ranks higher on Linux");
        assertSame(guest.kqueue.backend(), namedInstance.backend(), "--poll=kqueue holds");
        guest.withdraw(guest.kqueue);
        assertSame(guest.epoll.backend(), namedInstance.backend(), "the named one is gone: the best serves");
        guest.withdraw(guest.epoll);
        assertNull(bestInstance.backend());
        assertEquals(List.of(), guest.registry.backendNames());
        guest.offer(guest.epoll);
        assertSame(guest.epoll.backend(), namedInstance.backend());
        closeAndCheckLeaks(best, named);
    }

    private EpollInstance instance(int ep) {
        return (EpollInstance) guest.fds.get(ep).file().attachment();
    }

    /**
     * Alternates the two backends {@code swaps} times: the new one is offered before the old one
     * goes (as a greedy dynamic reference rebinds), or, with {@code gaps}, every tenth time the old
     * one goes first, leaving a moment with no backend at all.
     */
    private Thread swapper(int swaps, boolean gaps) {
        return new Thread(() -> {
            boolean kqueueNow = false;
            for (int i = 0; i < swaps; i++) {
                PollGuest.Offered next = kqueueNow ? guest.epoll : guest.kqueue;
                PollGuest.Offered previous = kqueueNow ? guest.kqueue : guest.epoll;
                if (gaps && i % 10 == 9) {
                    guest.withdraw(previous); // a moment with no backend at all
                    guest.offer(next);
                } else {
                    guest.offer(next);
                    guest.withdraw(previous);
                }
                kqueueNow = !kqueueNow;
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void closeAndCheckLeaks(int... fds) {
        for (int fd : fds) {
            assertEquals(0, guest.close(fd));
        }
        assertEquals(0, guest.registry.liveInstances(), "every instance was released");
        HostFds.assertBackTo(guest.host, fdsBefore);
    }
}
