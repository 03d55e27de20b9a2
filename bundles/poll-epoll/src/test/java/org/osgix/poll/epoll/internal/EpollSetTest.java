package org.osgix.poll.epoll.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.osgix.poll.PollEvents.ET;
import static org.osgix.poll.PollEvents.HUP;
import static org.osgix.poll.PollEvents.IN;
import static org.osgix.poll.PollEvents.ONESHOT;
import static org.osgix.poll.PollEvents.OUT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgix.fd.FileKind;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.poll.PollBackend;
import org.osgix.poll.PollException;
import org.osgix.poll.PollSet;
import org.osgix.syscall.Errno;
import org.osgix.test.support.FakeBundleContext;
import org.osgix.test.support.HostFds;

/** The epoll backend: a set is a host epoll instance, keys come back untouched. */
class EpollSetTest {
    private static final int O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;

    private final Host host = new PosixHost();
    private final List<Integer> opened = new ArrayList<>();
    private PollSet set;
    private final long[] keys = new long[200];
    private final int[] ready = new int[200];
    private long buffer;
    private int fdsBefore;

    @BeforeEach
    void open() throws PollException {
        fdsBefore = host.openFdCount();
        set = new EpollBackend(host).open();
        buffer = host.memory().allocate(8);
    }

    @AfterEach
    void close() {
        int readiness = set.readinessFd();
        set.close();
        set.close();
        assertEquals(-Errno.EBADF, host.fcntl(readiness, Host.F_GETFD, 0), "the host epoll closed");
        for (int fd : opened) {
            host.close(fd);
        }
        host.memory().free(buffer);
        HostFds.assertBackTo(host, fdsBefore);
    }

    private int eventfd(int value) {
        int fd = host.eventfd(value, O_NONBLOCK | O_CLOEXEC);
        opened.add(fd);
        return fd;
    }

    private void write(int fd) {
        host.memory().putLong(buffer, 1);
        assertEquals(8, host.write(fd, buffer, 8));
    }

    private int collect() {
        return set.collect(keys, ready, keys.length);
    }

    @Test
    void levelTriggeredKeysComeBackUntouched() {
        int efd = eventfd(1);
        long key = 0xdeadbeefcafebabeL;
        assertEquals(0, set.add(efd, FileKind.EVENTFD, IN, key));
        for (int round = 0; round < 3; round++) {
            assertEquals(1, collect());
            assertEquals(key, keys[0]);
            assertEquals(IN, ready[0]);
        }
    }

    @Test
    void edgeTriggeredAndOneshot() {
        int et = eventfd(0);
        int once = eventfd(1);
        assertEquals(0, set.add(et, FileKind.EVENTFD, IN | ET, 1));
        assertEquals(0, set.add(once, FileKind.EVENTFD, IN | ONESHOT, 2));
        assertEquals(1, collect(), "only the oneshot one is ready");
        assertEquals(2, keys[0]);
        assertEquals(0, collect());
        write(et);
        assertEquals(1, collect());
        assertEquals(1, keys[0]);
        assertEquals(0, collect());
        assertEquals(0, set.modify(once, FileKind.EVENTFD, IN | OUT | ONESHOT, 3));
        assertEquals(1, collect());
        assertEquals(IN | OUT, ready[0]);
    }

    @Test
    void errorsAndRemoval() {
        int efd = eventfd(1);
        assertEquals(0, set.add(efd, FileKind.EVENTFD, IN, 1));
        assertEquals(-Errno.EEXIST, set.add(efd, FileKind.EVENTFD, IN, 1));
        int other = eventfd(1);
        assertEquals(-Errno.ENOENT, set.modify(other, FileKind.EVENTFD, IN, 1));
        assertEquals(-Errno.ENOENT, set.remove(other));
        assertEquals(0, set.remove(efd));
        assertEquals(0, collect());
    }

    @Test
    void hangupIsReportedWithoutBeingAsked() {
        long ends = host.pipe2(O_NONBLOCK | O_CLOEXEC);
        int read = (int) (ends >>> 32);
        opened.add(read);
        assertEquals(0, set.add(read, FileKind.PIPE, 0, 4));
        host.close((int) ends);
        assertEquals(1, collect());
        assertEquals(HUP, ready[0]);
    }

    @Test
    void collectsManyAndAtMostWhatIsAsked() {
        for (int i = 0; i < 150; i++) {
            assertEquals(0, set.add(eventfd(1), FileKind.EVENTFD, IN, i));
        }
        assertEquals(150, collect());
        assertEquals(10, set.collect(keys, ready, 10));
    }

    @Test
    void registersOnlyOnLinuxWithTheRankingAboveEmulatedKqueue() {
        assertEquals("epoll", new EpollBackend(host).name());
        List<Map<String, Object>> registered = new ArrayList<>();
        FakeBundleContext framework = new FakeBundleContext();
        framework.setWhiteboard((service, props) -> registered.add(props));
        new EpollBackend(framework.context(), host);
        assertEquals(1, registered.size(), "on this Linux host");
        assertEquals("epoll", registered.get(0).get(PollBackend.NAME));
        assertEquals(200, registered.get(0).get(Constants.SERVICE_RANKING));
    }
}
