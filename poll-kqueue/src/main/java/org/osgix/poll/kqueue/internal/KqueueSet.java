package org.osgix.poll.kqueue.internal;

import static org.osgix.poll.kqueue.internal.Kevents.EVFILT_READ;
import static org.osgix.poll.kqueue.internal.Kevents.EVFILT_WRITE;
import static org.osgix.poll.kqueue.internal.Kevents.EV_ADD;
import static org.osgix.poll.kqueue.internal.Kevents.EV_CLEAR;
import static org.osgix.poll.kqueue.internal.Kevents.EV_DELETE;
import static org.osgix.poll.kqueue.internal.Kevents.EV_DISABLE;
import static org.osgix.poll.kqueue.internal.Kevents.EV_DISPATCH;
import static org.osgix.poll.kqueue.internal.Kevents.EV_ENABLE;
import static org.osgix.poll.kqueue.internal.Kevents.EV_RECEIPT;

import java.util.Arrays;
import org.osgix.fd.FileKind;
import org.osgix.poll.PollEvents;
import org.osgix.poll.PollException;
import org.osgix.poll.PollSet;
import org.osgix.syscall.Errno;

/**
 * A {@link PollSet} as one kqueue. A registration becomes up to two knotes on the host fd (the
 * ident is always the description's persistent host fd): EVFILT_READ for the reading events (and,
 * when nothing else is watched, to see end of file), EVFILT_WRITE for the writing ones. EPOLLET is
 * EV_CLEAR, EPOLLONESHOT is EV_DISPATCH (so a modify can re-enable it); udata carries the key.
 * The two knotes' results are merged into one entry per registration.
 */
final class KqueueSet implements PollSet {
    private static final int READ = 1, WRITE = 2;
    private static final int READABLE = PollEvents.IN | PollEvents.RDNORM | PollEvents.RDBAND | PollEvents.MSG;

    /** One registration: what was asked and which knotes carry it. */
    private static final class Registration {
        FileKind kind;
        int events;
        long key;
        int filters;
        /** The last collect round that reported it, and the entry it filled then. */
        long round;
        int entry;
    }

    private final KqueuePort port;
    private final int kq;
    private final KeventList changes = new KeventList(4);
    private final KeventList results = new KeventList(64);
    /** Registrations indexed by host fd. */
    private Registration[] byFd = new Registration[64];
    /** Oneshot registrations whose other knote must be disabled after a collect. */
    private final KeventList siblings = new KeventList(8);
    private long round;
    private boolean closed;

    private KqueueSet(KqueuePort port, int kq) {
        this.port = port;
        this.kq = kq;
    }

    static KqueueSet open(KqueuePort port) throws PollException {
        int kq = port.kqueue();
        if (kq < 0) {
            throw new PollException(-kq, "kqueue failed");
        }
        return new KqueueSet(port, kq);
    }

    @Override
    public synchronized int add(int hostFd, FileKind kind, int events, long key) {
        if (closed) {
            return -Errno.EBADF;
        }
        if (hostFd < 0) {
            return -Errno.EBADF;
        }
        if (registration(hostFd) != null) {
            return -Errno.EEXIST;
        }
        Registration r = new Registration();
        r.kind = kind;
        r.events = events;
        r.key = key;
        r.filters = filtersFor(events);
        int n = 0;
        if ((r.filters & READ) != 0) {
            changes.set(n++, hostFd, EVFILT_READ, EV_ADD | EV_RECEIPT | behaviour(events, READ), 0, 0, key);
        }
        if ((r.filters & WRITE) != 0) {
            changes.set(n++, hostFd, EVFILT_WRITE, EV_ADD | EV_RECEIPT | behaviour(events, WRITE), 0, 0, key);
        }
        int error = submit(n);
        if (error != 0) {
            // undo a knote that made it in before its sibling failed
            n = 0;
            if ((r.filters & READ) != 0) {
                changes.set(n++, hostFd, EVFILT_READ, EV_DELETE | EV_RECEIPT, 0, 0, 0);
            }
            if ((r.filters & WRITE) != 0) {
                changes.set(n++, hostFd, EVFILT_WRITE, EV_DELETE | EV_RECEIPT, 0, 0, 0);
            }
            submit(n);
            return error;
        }
        store(hostFd, r);
        return 0;
    }

    @Override
    public synchronized int modify(int hostFd, FileKind kind, int events, long key) {
        if (closed) {
            return -Errno.EBADF;
        }
        Registration r = registration(hostFd);
        if (r == null) {
            return -Errno.ENOENT;
        }
        int wanted = filtersFor(events);
        int n = 0;
        if ((r.filters & READ) != 0 && (wanted & READ) == 0) {
            changes.set(n++, hostFd, EVFILT_READ, EV_DELETE | EV_RECEIPT, 0, 0, 0);
        }
        if ((r.filters & WRITE) != 0 && (wanted & WRITE) == 0) {
            changes.set(n++, hostFd, EVFILT_WRITE, EV_DELETE | EV_RECEIPT, 0, 0, 0);
        }
        if ((wanted & READ) != 0) {
            changes.set(n++, hostFd, EVFILT_READ, EV_ADD | EV_ENABLE | EV_RECEIPT | behaviour(events, READ), 0, 0, key);
        }
        if ((wanted & WRITE) != 0) {
            changes.set(n++, hostFd, EVFILT_WRITE, EV_ADD | EV_ENABLE | EV_RECEIPT | behaviour(events, WRITE), 0, 0, key);
        }
        int error = submit(n);
        r.kind = kind;
        r.events = events;
        r.key = key;
        r.filters = wanted;
        return error;
    }

    @Override
    public synchronized int remove(int hostFd) {
        if (closed) {
            return -Errno.EBADF;
        }
        Registration r = registration(hostFd);
        if (r == null) {
            return -Errno.ENOENT;
        }
        int n = 0;
        if ((r.filters & READ) != 0) {
            changes.set(n++, hostFd, EVFILT_READ, EV_DELETE | EV_RECEIPT, 0, 0, 0);
        }
        if ((r.filters & WRITE) != 0) {
            changes.set(n++, hostFd, EVFILT_WRITE, EV_DELETE | EV_RECEIPT, 0, 0, 0);
        }
        submit(n);
        byFd[hostFd] = null;
        return 0;
    }

    /** Applies {@code changes[0, n)} with receipts; returns 0 or the first failure's negative errno. */
    private int submit(int n) {
        if (n == 0) {
            return 0;
        }
        int got = port.kevent(kq, changes, n, results, n, 0);
        if (got < 0) {
            return got;
        }
        for (int i = 0; i < got; i++) {
            if (results.data[i] != 0) {
                return (int) -results.data[i];
            }
        }
        return 0;
    }

    /**
     * The knotes a registration needs. Reading events need EVFILT_READ; a registration with no
     * writing event also gets it, since end of file and errors are always reported.
     */
    private static int filtersFor(int events) {
        int filters = 0;
        if ((events & PollEvents.READ_SIDE) != 0 || (events & PollEvents.WRITE_SIDE) == 0) {
            filters |= READ;
        }
        if ((events & PollEvents.WRITE_SIDE) != 0) {
            filters |= WRITE;
        }
        return filters;
    }

    /**
     * EV_CLEAR for edge-triggered registrations, and for a read knote that only watches for end of
     * file (a level-triggered one would report unwanted readable data forever); EV_DISPATCH for
     * oneshot ones.
     */
    private static int behaviour(int events, int filter) {
        int flags = 0;
        if ((events & PollEvents.ET) != 0 || (filter == READ && (events & READABLE) == 0)) {
            flags |= EV_CLEAR;
        }
        if ((events & PollEvents.ONESHOT) != 0) {
            flags |= EV_DISPATCH;
        }
        return flags;
    }

    @Override
    public int readinessFd() {
        return kq;
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
        results.ensureCapacity(want);
        int n = port.kevent(kq, null, 0, results, want, 0);
        if (n <= 0) {
            return n;
        }
        round++;
        int filled = 0;
        int disables = 0;
        for (int i = 0; i < n; i++) {
            int fd = (int) results.ident[i];
            Registration r = registration(fd);
            if (r == null || r.key != results.udata[i]) {
                continue; // removed or replaced since the kernel queued it
            }
            int events = KeventTranslation.linuxEvents(results.filter[i], results.flags[i], results.data[i], r.kind);
            if (r.round == round) {
                ready[r.entry] |= events;
                continue;
            }
            r.round = round;
            r.entry = filled;
            keys[filled] = r.key;
            ready[filled++] = events;
            if ((r.events & PollEvents.ONESHOT) != 0 && r.filters == (READ | WRITE)) {
                // EV_DISPATCH disabled the knote that fired; a oneshot registration is disarmed whole
                short other = results.filter[i] == EVFILT_READ ? EVFILT_WRITE : EVFILT_READ;
                siblings.ensureCapacity(disables + 1);
                siblings.set(disables++, fd, other, EV_DISABLE | EV_RECEIPT, 0, 0, 0);
            }
        }
        if (disables > 0) {
            results.ensureCapacity(Math.max(want, disables));
            port.kevent(kq, siblings, disables, results, disables, 0);
        }
        return filled;
    }

    private Registration registration(int hostFd) {
        return hostFd >= 0 && hostFd < byFd.length ? byFd[hostFd] : null;
    }

    private void store(int hostFd, Registration r) {
        if (hostFd >= byFd.length) {
            byFd = Arrays.copyOf(byFd, Math.max(hostFd + 1, byFd.length * 2));
        }
        byFd[hostFd] = r;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            port.close(kq);
        }
    }
}
