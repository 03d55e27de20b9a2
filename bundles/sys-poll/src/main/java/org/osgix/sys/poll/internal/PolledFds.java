package org.osgix.sys.poll.internal;

import static org.osgix.syscall.PollFlags.POLLFD_SIZE;
import static org.osgix.syscall.PollFlags.POLLNVAL;

import java.util.HashMap;
import java.util.Map;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.poll.PollEvents;
import org.osgix.poll.PollSet;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * The descriptors of one poll or select call: each pinned for the call, polled on the host
 * without blocking, and waited on interruptibly (one host fd directly, several through a
 * transient backend set, none by sleeping).
 */
final class PolledFds implements AutoCloseable {
    /** Linux's answer for files without a poll method: readable and writable. */
    static final int DEFAULT_MASK = PollEvents.IN | PollEvents.OUT | PollEvents.RDNORM | PollEvents.WRNORM;
    /** Without a backend, several fds are waited on in slices of this length. */
    private static final long SLICE_NANOS = 10_000_000L;

    private final Host host;
    private final NativeMemory memory;
    private final int count;
    private final int[] events;
    final int[] revents;
    /** Pinned description per entry; null for an ignored (negative) or closed fd. */
    private final OpenFile[] files;
    private final boolean[] closed;
    /** The epoll instance an entry's descriptor is (its readiness is the family's), or null. */
    private final EpollInstance[] instances;
    /** Entry → index in the host pollfd array, or -1. */
    private final int[] hostIndex;
    private final long pollfds;
    /** The events of each host pollfd (poll's revents share its word, so it is rewritten each time). */
    private final int[] hostEvents;
    private int hostCount;
    private PollSet waitSet;
    private boolean waitSetTried;

    PolledFds(Host host, int count) {
        this.host = host;
        this.memory = host.memory();
        this.count = count;
        this.events = new int[count];
        this.revents = new int[count];
        this.files = new OpenFile[count];
        this.closed = new boolean[count];
        this.instances = new EpollInstance[count];
        this.hostIndex = new int[count];
        this.hostEvents = new int[count];
        this.pollfds = count == 0 ? 0 : memory.allocate((long) count * POLLFD_SIZE);
    }

    /**
     * Sets entry {@code i}: a negative fd is ignored; an fd that is not open (or O_PATH) is marked
     * and false is returned (poll reports POLLNVAL, select fails with EBADF).
     */
    boolean set(SyscallContext call, int i, int fd, int wanted) {
        events[i] = wanted & 0xffff;
        hostIndex[i] = -1;
        if (fd < 0) {
            return true;
        }
        OpenFile file = call.fds().pin(fd);
        if (file == null) {
            closed[i] = true;
            return false;
        }
        files[i] = file;
        if (file.attachment() instanceof EpollInstance instance) {
            // an epoll fd: waited on through its wake-up fd, its readiness asked of the instance
            instances[i] = instance;
            memory.putInt(pollfds + (long) hostCount * POLLFD_SIZE, instance.waitFd());
            hostEvents[hostCount] = PollEvents.IN;
            hostIndex[i] = hostCount++;
        } else if (file.hostFd() >= 0) {
            memory.putInt(pollfds + (long) hostCount * POLLFD_SIZE, file.hostFd());
            hostEvents[hostCount] = events[i];
            hostIndex[i] = hostCount++;
        }
        return true;
    }

    /** Polls every entry now; fills {@link #revents} and returns how many are non-zero. */
    int pollNow() {
        if (hostCount > 0) {
            for (int h = 0; h < hostCount; h++) {
                memory.putInt(pollfds + (long) h * POLLFD_SIZE + 4, hostEvents[h]);
            }
            int r;
            do {
                r = host.poll(pollfds, hostCount, 0);
            } while (r == -Errno.EINTR);
        }
        int ready = 0;
        for (int i = 0; i < count; i++) {
            int always = PollEvents.ERR | PollEvents.HUP;
            int rev;
            if (closed[i]) {
                rev = POLLNVAL;
            } else if (files[i] == null) {
                rev = 0;
            } else if (instances[i] != null) {
                rev = instances[i].readiness() & (events[i] | always);
            } else if (hostIndex[i] < 0) {
                rev = DEFAULT_MASK & (events[i] | always);
            } else {
                int hostRevents = memory.getInt(pollfds + (long) hostIndex[i] * POLLFD_SIZE + 4) >>> 16;
                rev = hostRevents & (events[i] | always | POLLNVAL);
            }
            revents[i] = rev;
            if (rev != 0) {
                ready++;
            }
        }
        return ready;
    }

    /**
     * Waits until a polled host fd may be ready, the timeout passes, or the thread is interrupted.
     *
     * @return &gt; 0 woken, 0 timed out, or -EINTR
     */
    int await(SyscallContext call, EpollRegistry registry, long timeoutNanos) {
        if (call.thread().isInterrupted()) {
            return -Errno.EINTR;
        }
        if (hostCount == 0) {
            return sleep(timeoutNanos);
        }
        for (EpollInstance instance : instances) {
            if (instance != null) {
                instance.beforeWait();
            }
        }
        if (hostCount == 1) {
            int fd = memory.getInt(pollfds);
            return call.thread().awaitHostFd(fd, hostEvents[0], timeoutNanos);
        }
        PollSet set = waitSet(call, registry);
        if (set != null) {
            return call.thread().awaitHostFd(set.readinessFd(), Host.POLLIN, timeoutNanos);
        }
        long slice = timeoutNanos < 0 ? SLICE_NANOS : Math.min(timeoutNanos, SLICE_NANOS);
        int r = call.thread().awaitHostFd(memory.getInt(pollfds), hostEvents[0], slice);
        return r != 0 || slice == timeoutNanos ? r : 1; // a slice ended: poll everything again
    }

    /** A backend set holding every polled host fd (made once per call); null without backends. */
    private PollSet waitSet(SyscallContext call, EpollRegistry registry) {
        if (!waitSetTried) {
            waitSetTried = true;
            waitSet = registry.openTransient(call.process().option("poll"));
            if (waitSet != null) {
                Map<Integer, Integer> union = new HashMap<>();
                Map<Integer, FileKind> kinds = new HashMap<>();
                for (int h = 0; h < hostCount; h++) {
                    int fd = memory.getInt(pollfds + (long) h * POLLFD_SIZE);
                    union.merge(fd, hostEvents[h], (a, b) -> a | b);
                }
                for (int i = 0; i < count; i++) {
                    if (hostIndex[i] >= 0) {
                        kinds.put(memory.getInt(pollfds + (long) hostIndex[i] * POLLFD_SIZE), files[i].kind());
                    }
                }
                // files the host cannot watch (EPERM) are always ready: pollNow already saw them
                union.forEach((fd, wanted) -> waitSet.add(fd, kinds.get(fd), wanted, fd));
            }
        }
        return waitSet;
    }

    private static int sleep(long timeoutNanos) {
        try {
            if (timeoutNanos < 0) {
                while (true) {
                    Thread.sleep(Long.MAX_VALUE / 1_000_000L);
                }
            }
            Thread.sleep(timeoutNanos / 1_000_000L, (int) (timeoutNanos % 1_000_000L));
            return 0;
        } catch (InterruptedException e) {
            return -Errno.EINTR;
        }
    }

    @Override
    public void close() {
        if (waitSet != null) {
            waitSet.close();
        }
        for (OpenFile file : files) {
            if (file != null) {
                file.unpin();
            }
        }
        if (pollfds != 0) {
            memory.free(pollfds);
        }
    }
}
