package org.osgix.poll.kqueue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.poll.PollEvents.ERR;
import static org.osgix.poll.PollEvents.ET;
import static org.osgix.poll.PollEvents.HUP;
import static org.osgix.poll.PollEvents.IN;
import static org.osgix.poll.PollEvents.ONESHOT;
import static org.osgix.poll.PollEvents.OUT;
import static org.osgix.poll.PollEvents.RDNORM;
import static org.osgix.poll.PollEvents.WRNORM;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FileKind;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.poll.PollException;
import org.osgix.poll.PollSet;
import org.osgix.syscall.Errno;
import org.osgix.test.support.HostFds;

/** The kqueue backend's sets: epoll registrations as knotes, results as Linux events. */
class KqueueSetTest {
    private static final int O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;

    private final Host host = new PosixHost();
    private final List<Integer> opened = new ArrayList<>();
    private EpollKqueuePort port;
    private PollSet set;
    private final long[] keys = new long[8];
    private final int[] ready = new int[8];
    private long buffer;
    private int fdsBefore;

    @BeforeEach
    void open() throws PollException {
        fdsBefore = host.openFdCount();
        port = new EpollKqueuePort(host);
        set = new KqueueBackend(port).open();
        buffer = host.memory().allocate(16);
    }

    @AfterEach
    void close() {
        set.close();
        set.close(); // twice is fine
        for (int fd : opened) {
            host.close(fd);
        }
        port.close();
        host.memory().free(buffer);
        HostFds.assertBackTo(host, fdsBefore);
    }

    private int[] pipe() {
        long ends = host.pipe2(O_NONBLOCK | O_CLOEXEC);
        int[] p = {(int) (ends >>> 32), (int) ends};
        opened.add(p[0]);
        opened.add(p[1]);
        return p;
    }

    private void closeFd(int fd) {
        host.close(fd);
        opened.remove((Integer) fd);
    }

    private int eventfd(long value) {
        int fd = host.eventfd((int) value, O_NONBLOCK | O_CLOEXEC);
        opened.add(fd);
        return fd;
    }

    private void write(int fd, long bytes) {
        host.memory().putLong(buffer, 1);
        assertEquals(bytes, host.write(fd, buffer, bytes));
    }

    private int collect() {
        return set.collect(keys, ready, keys.length);
    }

    @Test
    void readableAndHangupOfAPipeAsLinuxReportsThem() {
        int[] p = pipe();
        assertEquals(0, set.add(p[0], FileKind.PIPE, IN, 11));
        assertEquals(0, collect());
        write(p[1], 1);
        assertEquals(1, collect());
        assertEquals(11, keys[0]);
        assertEquals(IN | RDNORM, ready[0]);
        closeFd(p[1]);
        assertEquals(1, collect());
        assertEquals(IN | RDNORM | HUP, ready[0], "data left and no writer");
        host.read(p[0], buffer, 1);
        assertEquals(1, collect());
        assertEquals(HUP, ready[0]);
    }

    @Test
    void aWriterWhoseReaderIsGoneSeesAnError() {
        int[] p = pipe();
        assertEquals(0, set.add(p[1], FileKind.PIPE, OUT, 3));
        assertEquals(1, collect());
        assertEquals(OUT | WRNORM, ready[0]);
        closeFd(p[0]);
        assertEquals(1, collect());
        assertEquals(ERR, ready[0] & ERR);
    }

    @Test
    void readAndWriteKnotesOfOneRegistrationMergeIntoOneEntry() {
        int efd = eventfd(1);
        assertEquals(0, set.add(efd, FileKind.EVENTFD, IN | OUT, 5));
        assertEquals(1, collect());
        assertEquals(5, keys[0]);
        assertEquals(IN | OUT, ready[0], "an eventfd reports no RDNORM/WRNORM, as Linux");
    }

    @Test
    void oneshotDisarmsBothKnotesUntilModify() {
        int efd = eventfd(1);
        assertEquals(0, set.add(efd, FileKind.EVENTFD, IN | OUT | ONESHOT, 5));
        assertEquals(1, collect());
        assertEquals(0, collect(), "neither knote reports while disarmed");
        assertEquals(0, collect());
        assertEquals(0, set.modify(efd, FileKind.EVENTFD, IN | ONESHOT, 6));
        assertEquals(1, collect());
        assertEquals(6, keys[0]);
        assertEquals(IN, ready[0]);
        assertEquals(0, collect());
    }

    @Test
    void edgeTriggeredReportsOncePerWrite() {
        int efd = eventfd(0);
        assertEquals(0, set.add(efd, FileKind.EVENTFD, IN | ET, 1));
        write(efd, 8);
        assertEquals(1, collect());
        assertEquals(0, collect());
        write(efd, 8);
        assertEquals(1, collect());
    }

    @Test
    void noEventsAskedStillSeesTheHangupButNotTheData() {
        int[] p = pipe();
        assertEquals(0, set.add(p[0], FileKind.PIPE, 0, 9));
        write(p[1], 1);
        int n = collect();
        assertTrue(n == 0 || (ready[0] & (IN | HUP)) == IN, "data is at most reported once, as an edge");
        assertEquals(0, collect());
        closeFd(p[1]);
        assertEquals(1, collect());
        assertEquals(HUP, ready[0] & HUP);
    }

    @Test
    void registrationErrorsAreLinuxs() {
        int efd = eventfd(0);
        assertEquals(0, set.add(efd, FileKind.EVENTFD, IN, 1));
        assertEquals(-Errno.EEXIST, set.add(efd, FileKind.EVENTFD, IN, 1));
        int other = eventfd(0);
        assertEquals(-Errno.ENOENT, set.modify(other, FileKind.EVENTFD, IN, 1));
        assertEquals(-Errno.ENOENT, set.remove(other));
        assertEquals(-Errno.EBADF, set.add(999_999, FileKind.EVENTFD, IN, 1));
        assertEquals(0, set.remove(efd));
        write(efd, 8);
        assertEquals(0, collect(), "removed");
    }

    @Test
    void modifyCanDropAFilter() {
        int efd = eventfd(1);
        assertEquals(0, set.add(efd, FileKind.EVENTFD, IN | OUT, 1));
        assertEquals(0, set.modify(efd, FileKind.EVENTFD, OUT, 2));
        assertEquals(1, collect());
        assertEquals(OUT, ready[0]);
    }

    @Test
    void theReadinessFdPollsReadableWithEvents() {
        int efd = eventfd(0);
        assertEquals(0, set.add(efd, FileKind.EVENTFD, IN, 1));
        long pollfd = buffer + 8;
        host.memory().putInt(pollfd, set.readinessFd());
        host.memory().putInt(pollfd + 4, Host.POLLIN);
        assertEquals(0, host.poll(pollfd, 1, 0));
        write(efd, 8);
        host.memory().putInt(pollfd + 4, Host.POLLIN);
        assertEquals(1, host.poll(pollfd, 1, 0));
    }
}
