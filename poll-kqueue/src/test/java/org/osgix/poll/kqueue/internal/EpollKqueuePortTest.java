package org.osgix.poll.kqueue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.poll.kqueue.internal.Kevents.EVFILT_READ;
import static org.osgix.poll.kqueue.internal.Kevents.EVFILT_WRITE;
import static org.osgix.poll.kqueue.internal.Kevents.EV_ADD;
import static org.osgix.poll.kqueue.internal.Kevents.EV_CLEAR;
import static org.osgix.poll.kqueue.internal.Kevents.EV_DELETE;
import static org.osgix.poll.kqueue.internal.Kevents.EV_DISABLE;
import static org.osgix.poll.kqueue.internal.Kevents.EV_DISPATCH;
import static org.osgix.poll.kqueue.internal.Kevents.EV_ENABLE;
import static org.osgix.poll.kqueue.internal.Kevents.EV_EOF;
import static org.osgix.poll.kqueue.internal.Kevents.EV_ERROR;
import static org.osgix.poll.kqueue.internal.Kevents.EV_ONESHOT;
import static org.osgix.poll.kqueue.internal.Kevents.EV_RECEIPT;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.HostFds;

/**
 * The epoll-based port against the rules of FreeBSD's kqueue(2): knotes keyed by (ident, filter),
 * EV_ADD updating in place, EV_DELETE/ENABLE/DISABLE, EV_ONESHOT, EV_DISPATCH, EV_CLEAR,
 * EV_RECEIPT, EV_ERROR reporting, EV_EOF, and knotes dropped when their ident closes.
 */
class EpollKqueuePortTest {
    private static final int O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;

    private final Host host = new PosixHost();
    private final List<Integer> opened = new ArrayList<>();
    private EpollKqueuePort port;
    private int kq;
    private final KeventList changes = new KeventList(8);
    private final KeventList events = new KeventList(8);
    private long buffer;
    private int fdsBefore;

    @BeforeEach
    void open() {
        fdsBefore = host.openFdCount();
        port = new EpollKqueuePort(host);
        kq = port.kqueue();
        assertTrue(kq >= 0, "kqueue: " + kq);
        buffer = host.memory().allocate(64);
    }

    @AfterEach
    void close() {
        for (int fd : opened) {
            host.close(fd);
        }
        int[] inner = port.queue(kq).filterFds();
        assertEquals(0, port.close(kq));
        for (int fd : inner) {
            assertEquals(-Errno.EBADF, host.fcntl(fd, Host.F_GETFD, 0), "filter epoll " + fd + " closed");
        }
        assertEquals(-Errno.EBADF, host.fcntl(kq, Host.F_GETFD, 0), "kqueue fd closed");
        port.close();
        host.memory().free(buffer);
        HostFds.assertBackTo(host, fdsBefore);
    }

    /** A non-blocking pipe: {read, write}. */
    private int[] pipe() {
        long ends = host.pipe2(O_NONBLOCK | O_CLOEXEC);
        int[] p = {(int) (ends >>> 32), (int) ends};
        opened.add(p[0]);
        opened.add(p[1]);
        return p;
    }

    private void write(int fd, int bytes) {
        assertEquals(bytes, host.write(fd, buffer, bytes));
    }

    private void drain(int fd) {
        while (host.read(fd, buffer, 64) > 0) {
            // empty the pipe
        }
    }

    /** One change and no event list: 0, or the change's error as kevent's result. */
    private int change(int ident, short filter, int flags, long udata) {
        changes.set(0, ident, filter, flags, 0, 0, udata);
        return port.kevent(kq, changes, 1, events, 0, 0);
    }

    private int poll() {
        return port.kevent(kq, null, 0, events, 8, 0);
    }

    @Test
    void levelTriggeredReadRepeatsWhileDataIsThereAndCarriesUdata() {
        int[] p = pipe();
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD, 0xfeedL));
        assertEquals(0, poll());
        write(p[1], 3);
        for (int round = 0; round < 3; round++) {
            assertEquals(1, poll());
            assertEquals(p[0], events.ident[0]);
            assertEquals(EVFILT_READ, events.filter[0]);
            assertEquals(0xfeedL, events.udata[0]);
            assertTrue(events.data[0] > 0);
        }
        drain(p[0]);
        assertEquals(0, poll());
    }

    @Test
    void addingAgainModifiesTheKnoteInsteadOfDuplicatingIt() {
        int[] p = pipe();
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD, 1));
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD, 2));
        write(p[1], 1);
        assertEquals(1, poll());
        assertEquals(2, events.udata[0]);
    }

    @Test
    void knotesAreKeyedByIdentAndFilter() {
        int[] p = pipe();
        assertEquals(0, change(p[1], EVFILT_WRITE, EV_ADD, 7));
        assertEquals(0, change(p[1], EVFILT_READ, EV_ADD | EV_CLEAR, 8));
        assertEquals(1, poll(), "only the write filter is ready");
        assertEquals(EVFILT_WRITE, events.filter[0]);
        assertEquals(0, change(p[1], EVFILT_WRITE, EV_DELETE, 0));
        assertEquals(0, poll());
        assertEquals(0, change(p[1], EVFILT_READ, EV_DELETE, 0), "the read knote is still there");
    }

    @Test
    void clearReportsOncePerChange() {
        int[] p = pipe();
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD | EV_CLEAR, 0));
        write(p[1], 1);
        assertEquals(1, poll());
        assertEquals(EV_CLEAR, events.flags[0] & EV_CLEAR);
        assertEquals(0, poll(), "state was reset by the report");
        write(p[1], 1);
        assertEquals(1, poll(), "new data is a new change");
    }

    @Test
    void oneshotIsDeletedAfterItsReport() {
        int[] p = pipe();
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD | EV_ONESHOT, 0));
        write(p[1], 1);
        assertEquals(1, poll());
        assertEquals(0, poll());
        assertEquals(-Errno.ENOENT, change(p[0], EVFILT_READ, EV_DELETE, 0), "no room for EV_ERROR: kevent fails");
    }

    @Test
    void dispatchDisablesAfterItsReportAndEnableRearms() {
        int[] p = pipe();
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD | EV_DISPATCH, 0));
        write(p[1], 1);
        assertEquals(1, poll());
        assertEquals(0, poll(), "disabled");
        assertEquals(0, change(p[0], EVFILT_READ, EV_ENABLE, 0));
        assertEquals(1, poll(), "enabled again, still readable");
        assertEquals(0, poll());
        assertEquals(0, change(p[0], EVFILT_READ, EV_DELETE, 0), "a dispatched knote still exists");
    }

    @Test
    void disabledKnotesReportNothingNotEvenEndOfFile() {
        int[] p = pipe();
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD | EV_DISABLE, 0));
        write(p[1], 1);
        host.close(p[1]);
        opened.remove((Integer) p[1]);
        assertEquals(0, poll());
        assertEquals(0, change(p[0], EVFILT_READ, EV_ENABLE, 0));
        assertEquals(1, poll());
        assertEquals(EV_EOF, events.flags[0] & EV_EOF);
        assertEquals(1, events.data[0], "data left to read");
    }

    @Test
    void endOfFileOnBothSides() {
        int[] p = pipe();
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD, 0));
        host.close(p[1]);
        opened.remove((Integer) p[1]);
        assertEquals(1, poll());
        assertEquals(EV_EOF, events.flags[0] & EV_EOF);
        assertEquals(0, events.data[0]);
        assertEquals(1, poll(), "level-triggered: end of file stays reported");
        assertEquals(0, change(p[0], EVFILT_READ, EV_DELETE, 0));
        int[] q = pipe();
        assertEquals(0, change(q[1], EVFILT_WRITE, EV_ADD, 0));
        host.close(q[0]);
        opened.remove((Integer) q[0]);
        assertEquals(1, poll());
        assertEquals(EVFILT_WRITE, events.filter[0]);
        assertEquals(EV_EOF, events.flags[0] & EV_EOF);
    }

    @Test
    void errorsAreReportedInTheEventListWhenThereIsRoom() {
        int[] p = pipe();
        changes.set(0, p[0], EVFILT_READ, EV_DELETE, 0, 0, 5);
        changes.set(1, 999_999, EVFILT_READ, EV_ADD, 0, 0, 6);
        changes.set(2, p[0], (short) -9, EV_ADD, 0, 0, 7);
        changes.set(3, p[1], EVFILT_WRITE, EV_ADD, 0, 0, 8);
        assertEquals(3, port.kevent(kq, changes, 4, events, 8, 0), "errors returned, no events scanned");
        assertEquals(EV_ERROR, events.flags[0]);
        assertEquals(Errno.ENOENT, events.data[0]);
        assertEquals(5, events.udata[0]);
        assertEquals(Errno.EBADF, events.data[1]);
        assertEquals(Errno.EINVAL, events.data[2]);
        assertEquals(1, poll(), "the good change was applied");
        assertEquals(8, events.udata[0]);
    }

    @Test
    void receiptsConfirmEveryChangeWithoutDrainingEvents() {
        int[] p = pipe();
        write(p[1], 1);
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD, 1));
        changes.set(0, p[1], EVFILT_WRITE, EV_ADD | EV_RECEIPT, 0, 0, 2);
        changes.set(1, p[1], EVFILT_READ, EV_DELETE | EV_RECEIPT, 0, 0, 3);
        assertEquals(2, port.kevent(kq, changes, 2, events, 8, 0));
        assertEquals(EV_ERROR, events.flags[0] & EV_ERROR);
        assertEquals(0, events.data[0], "success is data 0");
        assertEquals(Errno.ENOENT, events.data[1]);
        assertEquals(2, poll(), "pending events were left alone");
    }

    @Test
    void closingTheIdentDropsItsKnotesAndAReusedNumberIsNotWatched() {
        int[] p = pipe();
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD, 1));
        assertEquals(List.of(p[0]), port.queue(kq).idents());
        host.close(p[0]);
        opened.remove((Integer) p[0]);
        assertEquals(List.of(), port.queue(kq).idents());
        long ends = host.pipe2(O_NONBLOCK | O_CLOEXEC);
        int reused = (int) (ends >>> 32);
        opened.add(reused);
        opened.add((int) ends);
        assertEquals(p[0], reused, "the host gave the number back");
        write((int) ends, 1);
        assertEquals(0, poll(), "the new file was never registered");
        assertEquals(-Errno.ENOENT, change(reused, EVFILT_READ, EV_DELETE, 0));
    }

    @Test
    void theKqueueFdIsReadableWhileEventsArePending() {
        int[] p = pipe();
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD, 1));
        long pollfd = buffer + 32;
        host.memory().putInt(pollfd, kq);
        host.memory().putInt(pollfd + 4, Host.POLLIN);
        assertEquals(0, host.poll(pollfd, 1, 0));
        write(p[1], 1);
        host.memory().putInt(pollfd + 4, Host.POLLIN);
        assertEquals(1, host.poll(pollfd, 1, 0));
    }

    @Test
    void aTimeoutWaitsForTheFirstEvent() throws InterruptedException {
        int[] p = pipe();
        assertEquals(0, change(p[0], EVFILT_READ, EV_ADD, 1));
        long start = System.nanoTime();
        assertEquals(0, port.kevent(kq, null, 0, events, 8, 30_000_000L));
        assertTrue(System.nanoTime() - start >= 25_000_000L);
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            write(p[1], 1);
        });
        writer.start();
        assertEquals(1, port.kevent(kq, null, 0, events, 8, -1));
        writer.join();
    }
}
