package org.osgix.sys.poll.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallHandler;
import org.osgix.test.support.HostFds;

/** poll, select and eventfd handlers, and the family's registrations. */
class PollSelectEventfdTest {
    private static final int POLLIN = 1, POLLOUT = 4, POLLNVAL = 0x20;

    private PollGuest guest;
    private int fdsBefore;

    @BeforeEach
    void start() {
        guest = new PollGuest();
        fdsBefore = guest.host.openFdCount();
        guest.offer(guest.epoll);
    }

    @AfterEach
    void stop() {
        guest.fds.closeAll();
        HostFds.assertBackTo(guest.host, fdsBefore);
        guest.close();
    }

    @Test
    void everySyscallOfTheFamilyIsRegistered() {
        assertEquals(Set.of("epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "epoll_pwait2",
            "poll", "ppoll", "select", "pselect6", "eventfd", "eventfd2"), guest.framework.services().keySet());
        assertEquals(SyscallHandler.SUPPORT_FULL, guest.framework.support("epoll_wait"));
        assertEquals(SyscallHandler.SUPPORT_FULL, guest.framework.support("ppoll"), "the signal mask applies while it waits");
    }

    @Test
    void eventfdFlagsBecomeStatusFlagsAndCloseOnExec() {
        assertEquals(-Errno.EINVAL, guest.call("eventfd2", 0, 2));
        int plain = (int) guest.call("eventfd", 3);
        int flagged = guest.eventfd(0, EventFds.EFD_NONBLOCK | EventFds.EFD_CLOEXEC | EventFds.EFD_SEMAPHORE);
        OpenFile file = guest.fds.get(flagged).file();
        assertEquals(FileKind.EVENTFD, file.kind());
        assertEquals(OpenFile.O_RDWR | OpenFile.O_NONBLOCK, file.statusFlags() & (OpenFile.O_ACCMODE | OpenFile.O_NONBLOCK));
        assertTrue(guest.fds.get(flagged).cloexec());
        assertFalse(guest.fds.get(plain).cloexec());
        assertEquals(OpenFile.O_RDWR, guest.fds.get(plain).file().statusFlags() & (OpenFile.O_ACCMODE | OpenFile.O_NONBLOCK));
        assertEquals(3, guest.take(plain));
        guest.add(flagged, 2);
        assertEquals(1, guest.take(flagged), "EFD_SEMAPHORE reached the host");
    }

    @Test
    void pollReportsClosedFdsAndStillPollsTheOthers() {
        int ready = guest.eventfd(1, PollGuest.EFD_NONBLOCK);
        long fds = guest.alloc(24);
        putPollfd(fds, ready, POLLIN | POLLOUT);
        putPollfd(fds + 8, 900, POLLIN);
        putPollfd(fds + 16, -5, POLLIN);
        guest.memory.writeInt(fds + 16 + 4, 0x7777 << 16); // stale revents must be cleared
        assertEquals(2, guest.call("poll", fds, 3, 0));
        assertEquals(POLLIN | POLLOUT, revents(fds));
        assertEquals(POLLNVAL, revents(fds + 8));
        assertEquals(0, revents(fds + 16));
        assertEquals(-Errno.EINVAL, guest.call("poll", fds, guest.fds.limit() + 1L, 0));
        assertEquals(-Errno.EFAULT, guest.call("poll", 16, 1, 0));
    }

    @Test
    void pollOnSeveralFdsWaitsForTheFirstThroughABackendSet() throws InterruptedException {
        int a = guest.eventfd(0, PollGuest.EFD_NONBLOCK);
        int b = guest.eventfd(0, PollGuest.EFD_NONBLOCK);
        long fds = guest.alloc(16);
        putPollfd(fds, a, POLLIN);
        putPollfd(fds + 8, b, POLLIN);
        Thread writer = new Thread(() -> {
            sleep(40);
            guest.add(b, 1);
        });
        writer.start();
        long start = System.nanoTime();
        assertEquals(1, guest.call("poll", fds, 2, 5000));
        assertTrue(System.nanoTime() - start < 4_000_000_000L);
        assertEquals(POLLIN, revents(fds + 8));
        writer.join();
    }

    @Test
    void selectFailsForAClosedFdAndWritesTheTimeLeft() {
        int ready = guest.eventfd(1, PollGuest.EFD_NONBLOCK);
        long set = guest.alloc(128);
        guest.memory.writeLong(set, 1L << ready);
        long timeval = guest.alloc(16);
        guest.memory.writeLong(timeval, 3);
        guest.memory.writeLong(timeval + 8, 0);
        assertEquals(1, guest.call("select", ready + 1, set, 0, 0, timeval));
        assertEquals(1L << ready, guest.memory.readLong(set));
        long left = guest.memory.readLong(timeval) * 1_000_000 + guest.memory.readLong(timeval + 8);
        assertTrue(left > 2_000_000 && left <= 3_000_000, "time left " + left + " us");
        guest.memory.writeLong(set, (1L << ready) | (1L << 60));
        assertEquals(-Errno.EBADF, guest.call("select", 61, set, 0, 0, 0));
        guest.memory.writeLong(timeval, -1);
        assertEquals(-Errno.EINVAL, guest.call("select", 1, 0, 0, 0, timeval));
        assertEquals(-Errno.EINVAL, guest.call("select", -1, 0, 0, 0, 0));
    }

    @Test
    void ppollAndPselectCheckTheirSignalMaskArguments() {
        long mask = guest.alloc(8);
        long timespec = guest.alloc(16);
        assertEquals(-Errno.EINVAL, guest.call("ppoll", 0, 0, timespec, mask, 4));
        assertEquals(0, guest.call("ppoll", 0, 0, timespec, mask, 8));
        assertEquals(-Errno.EFAULT, guest.call("ppoll", 0, 0, timespec, 16, 8));
        long pack = guest.alloc(16);
        guest.memory.writeLong(pack, mask);
        guest.memory.writeLong(pack + 8, 7);
        assertEquals(-Errno.EINVAL, guest.call("pselect6", 0, 0, 0, 0, timespec, pack));
        guest.memory.writeLong(pack + 8, 8);
        assertEquals(0, guest.call("pselect6", 0, 0, 0, 0, timespec, pack));
        int ep = guest.epollCreate();
        long events = guest.alloc(12);
        assertEquals(-Errno.EINVAL, guest.call("epoll_pwait", ep, events, 1, 0, mask, 9));
        guest.memory.writeLong(timespec + 8, 1_000_000_000L);
        assertEquals(-Errno.EINVAL, guest.call("epoll_pwait2", ep, events, 1, timespec, 0, 8));
    }

    private void putPollfd(long at, int fd, int events) {
        guest.memory.writeInt(at, fd);
        guest.memory.writeInt(at + 4, events);
    }

    private int revents(long at) {
        return guest.memory.readInt(at + 4) >>> 16;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
