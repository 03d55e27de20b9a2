package org.osgix.sys.poll.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgix.poll.PollEvents;
import org.osgix.syscall.Errno;
import org.osgix.test.support.HostFds;
import org.osgix.test.support.PollingThread;

/** The epoll handlers over each backend: registration lifetimes, nesting, waits and their ends. */
class EpollCallsTest {
    private PollGuest guest;
    private int fdsBefore;

    private void start(String backend) {
        guest = new PollGuest();
        fdsBefore = guest.host.openFdCount();
        guest.offer(backend.equals("epoll") ? guest.epoll : guest.kqueue);
    }

    @AfterEach
    void stop() {
        guest.fds.closeAll();
        assertEquals(0, guest.registry.liveInstances());
        assertEquals(0, guest.registry.nesting().size(), "no nesting edges left");
        HostFds.assertBackTo(guest.host, fdsBefore);
        guest.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "kqueue"})
    void aRegistrationLivesAsLongAsItsOpenFileDescription(String backend) {
        start(backend);
        int ep = guest.epollCreate();
        int efd = guest.eventfd(1, PollGuest.EFD_NONBLOCK);
        assertEquals(0, guest.ctl(ep, PollGuest.EPOLL_CTL_ADD, efd, PollEvents.IN, 0xabcdef0123456789L));
        int dup = guest.fds.dup(efd, 0, false);
        assertEquals(0, guest.close(efd));
        List<long[]> got = guest.await(ep, 4, 0);
        assertEquals(1, got.size(), "the dup keeps it");
        assertEquals(0xabcdef0123456789L, got.get(0)[1]);
        assertEquals(-Errno.EBADF, guest.ctl(ep, PollGuest.EPOLL_CTL_DEL, efd, 0, 0));
        assertEquals(-Errno.ENOENT, guest.ctl(ep, PollGuest.EPOLL_CTL_DEL, dup, 0, 0));
        assertEquals(1, instance(ep).watchCount());
        assertEquals(0, guest.close(dup));
        assertEquals(0, instance(ep).watchCount(), "released with the description");
        assertTrue(guest.await(ep, 4, 0).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "kqueue"})
    void closeAndReopenOnTheSameNumberStartsFresh(String backend) {
        start(backend);
        int ep = guest.epollCreate();
        int a = guest.eventfd(0, PollGuest.EFD_NONBLOCK);
        assertEquals(0, guest.ctl(ep, PollGuest.EPOLL_CTL_ADD, a, PollEvents.IN, 1));
        assertEquals(0, guest.close(a));
        int b = guest.eventfd(1, PollGuest.EFD_NONBLOCK);
        assertEquals(a, b);
        assertTrue(guest.await(ep, 4, 0).isEmpty(), "the new file is not watched");
        assertEquals(-Errno.ENOENT, guest.ctl(ep, PollGuest.EPOLL_CTL_MOD, b, PollEvents.IN, 2));
        assertEquals(0, guest.ctl(ep, PollGuest.EPOLL_CTL_ADD, b, PollEvents.IN, 2));
        assertEquals(2, guest.await(ep, 4, 0).get(0)[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "kqueue"})
    void nestedInstancesReportReadinessAndLeaveNoTraceWhenReleased(String backend) {
        start(backend);
        int outer = guest.epollCreate();
        int middle = guest.epollCreate();
        int inner = guest.epollCreate();
        int efd = guest.eventfd(0, PollGuest.EFD_NONBLOCK);
        assertEquals(0, guest.ctl(inner, PollGuest.EPOLL_CTL_ADD, efd, PollEvents.IN, 1));
        assertEquals(0, guest.ctl(middle, PollGuest.EPOLL_CTL_ADD, inner, PollEvents.IN, 2));
        assertEquals(0, guest.ctl(outer, PollGuest.EPOLL_CTL_ADD, middle, PollEvents.IN, 3));
        assertEquals(-Errno.ELOOP, guest.ctl(inner, PollGuest.EPOLL_CTL_ADD, outer, PollEvents.IN, 4));
        assertTrue(guest.await(outer, 4, 0).isEmpty());
        AtomicLong woke = new AtomicLong(-1);
        Thread waiter = new Thread(() -> woke.set(guest.await(new PollingThread(guest.host, guest.process), outer, 4, 5000).size()));
        waiter.start();
        sleep(50);
        guest.add(efd, 1);
        join(waiter);
        assertEquals(1, woke.get(), "a write two levels down wakes the outer waiter");
        List<long[]> got = guest.await(outer, 4, 0);
        assertEquals(3, got.get(0)[1]);
        assertEquals(PollEvents.IN, got.get(0)[0]);
        guest.take(efd);
        assertTrue(guest.await(outer, 4, 0).isEmpty());
        assertEquals(0, guest.close(middle));
        assertEquals(0, instance(outer).watchCount(), "the released middle instance left the outer one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "kqueue"})
    void waitsEndWithEintrWhenTheThreadIsInterrupted(String backend) {
        start(backend);
        int ep = guest.epollCreate();
        AtomicLong epollResult = new AtomicLong();
        AtomicLong pollResult = new AtomicLong();
        AtomicLong selectResult = new AtomicLong();
        Thread[] waiters = {
            new Thread(() -> epollResult.set(guest.await(new PollingThread(guest.host, guest.process), ep, 4, -1).get(0)[0])),
            new Thread(() -> pollResult.set(guest.call(new PollingThread(guest.host, guest.process), "poll", 0, 0, -1))),
            new Thread(() -> selectResult.set(guest.call(new PollingThread(guest.host, guest.process), "select", 0, 0, 0, 0, 0))),
        };
        for (Thread t : waiters) {
            t.start();
        }
        sleep(50);
        for (Thread t : waiters) {
            t.interrupt();
            join(t);
        }
        assertEquals(-Errno.EINTR, epollResult.get());
        assertEquals(-Errno.EINTR, pollResult.get());
        assertEquals(-Errno.EINTR, selectResult.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "kqueue"})
    void tenThousandRegistrationsWithOneReady(String backend) {
        start(backend);
        int ep = guest.epollCreate();
        int[] fds = new int[10_000];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = guest.eventfd(0, PollGuest.EFD_NONBLOCK);
            assertTrue(fds[i] >= 0, "eventfd " + i + ": " + fds[i]);
            assertEquals(0, guest.ctl(ep, PollGuest.EPOLL_CTL_ADD, fds[i], PollEvents.IN, i));
        }
        guest.add(fds[4321], 1);
        for (int round = 0; round < 3; round++) {
            List<long[]> got = guest.await(ep, 64, 0);
            assertEquals(1, got.size());
            assertEquals(4321, got.get(0)[1]);
        }
        for (int fd : fds) {
            assertEquals(0, guest.close(fd));
        }
        assertEquals(0, instance(ep).watchCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "kqueue"})
    void eventsThatDoNotFitStayForTheNextWait(String backend) {
        start(backend);
        int ep = guest.epollCreate();
        for (int i = 0; i < 10; i++) {
            int efd = guest.eventfd(1, PollGuest.EFD_NONBLOCK);
            assertEquals(0, guest.ctl(ep, PollGuest.EPOLL_CTL_ADD, efd, PollEvents.IN | PollEvents.ET, i));
        }
        long seen = 0;
        for (int round = 0; round < 4; round++) {
            for (long[] e : guest.await(ep, 3, 0)) {
                seen |= 1L << e[1];
            }
        }
        assertEquals((1L << 10) - 1, seen, "every edge-triggered event, three at a time");
        assertTrue(guest.await(ep, 3, 0).isEmpty(), "and each once");
    }

    private EpollInstance instance(int ep) {
        return (EpollInstance) guest.fds.get(ep).file().attachment();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(!t.isAlive(), "thread ended");
    }
}
