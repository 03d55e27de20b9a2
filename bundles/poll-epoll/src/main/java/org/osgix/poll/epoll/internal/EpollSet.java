package org.osgix.poll.epoll.internal;

import static org.osgix.syscall.EpollFlags.EPOLL_CLOEXEC;
import static org.osgix.syscall.EpollFlags.EPOLL_CTL_ADD;
import static org.osgix.syscall.EpollFlags.EPOLL_CTL_DEL;
import static org.osgix.syscall.EpollFlags.EPOLL_CTL_MOD;
import static org.osgix.syscall.EpollFlags.EPOLL_EVENT_SIZE;

import org.osgix.fd.FileKind;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.poll.PollEvents;
import org.osgix.poll.PollException;
import org.osgix.poll.PollSet;
import org.osgix.syscall.Errno;

/**
 * A {@link PollSet} that is one host epoll instance: registrations are host epoll registrations
 * whose data is the caller's key, so ET, ONESHOT and level-triggered repeats are the host
 * kernel's own.
 */
final class EpollSet implements PollSet {
    private static final int INITIAL_CAPACITY = 64;
    /** The registration bits handed to the host: events plus ET and ONESHOT. */
    private static final int HOST_BITS = PollEvents.EVENT_BITS | PollEvents.ET | PollEvents.ONESHOT;

    private final Host host;
    private final NativeMemory memory;
    private final int epollFd;
    /** One epoll_event for epoll_ctl. */
    private final long ctlEvent;
    /** epoll_wait's output: capacity events. */
    private long events;
    private int capacity;
    private boolean closed;

    private EpollSet(Host host, int epollFd) {
        this.host = host;
        this.memory = host.memory();
        this.epollFd = epollFd;
        this.ctlEvent = memory.allocate(EPOLL_EVENT_SIZE);
        this.capacity = INITIAL_CAPACITY;
        this.events = memory.allocate((long) capacity * EPOLL_EVENT_SIZE);
    }

    /** A new set on a new host epoll instance. */
    static EpollSet open(Host host) throws PollException {
        int fd = host.epollCreate1(EPOLL_CLOEXEC);
        if (fd < 0) {
            throw new PollException(-fd, "host epoll_create1 failed");
        }
        return new EpollSet(host, fd);
    }

    @Override
    public synchronized int add(int hostFd, FileKind kind, int events, long key) {
        return control(EPOLL_CTL_ADD, hostFd, events, key);
    }

    @Override
    public synchronized int modify(int hostFd, FileKind kind, int events, long key) {
        return control(EPOLL_CTL_MOD, hostFd, events, key);
    }

    @Override
    public synchronized int remove(int hostFd) {
        return control(EPOLL_CTL_DEL, hostFd, 0, 0);
    }

    private int control(int op, int hostFd, int interest, long key) {
        if (closed) {
            return -Errno.EBADF;
        }
        memory.putInt(ctlEvent, interest & HOST_BITS);
        memory.putLong(ctlEvent + 4, key);
        return host.epollCtl(epollFd, op, hostFd, ctlEvent);
    }

    @Override
    public int readinessFd() {
        return epollFd;
    }

    @Override
    public synchronized int collect(long[] keys, int[] ready, int max) {
        if (closed) {
            return -Errno.EBADF;
        }
        int want = Math.min(max, Math.min(keys.length, ready.length));
        if (want <= 0) {
            return 0;
        }
        ensureCapacity(want);
        int n;
        do {
            n = host.epollWait(epollFd, events, want, 0);
        } while (n == -Errno.EINTR);
        for (int i = 0; i < n; i++) {
            long at = events + (long) i * EPOLL_EVENT_SIZE;
            ready[i] = memory.getInt(at) & PollEvents.EVENT_BITS;
            keys[i] = memory.getLong(at + 4);
        }
        return n;
    }

    private void ensureCapacity(int wanted) {
        if (wanted > capacity) {
            int grown = Math.max(wanted, capacity * 2);
            long fresh = memory.allocate((long) grown * EPOLL_EVENT_SIZE);
            memory.free(events);
            events = fresh;
            capacity = grown;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        host.close(epollFd);
        memory.free(ctlEvent);
        memory.free(events);
    }
}
