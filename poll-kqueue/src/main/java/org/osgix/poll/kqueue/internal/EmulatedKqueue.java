package org.osgix.poll.kqueue.internal;

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
import static org.osgix.poll.kqueue.internal.Kevents.KNOTE_BEHAVIOUR;
import static org.osgix.syscall.EpollFlags.EPOLLERR;
import static org.osgix.syscall.EpollFlags.EPOLLET;
import static org.osgix.syscall.EpollFlags.EPOLLHUP;
import static org.osgix.syscall.EpollFlags.EPOLLIN;
import static org.osgix.syscall.EpollFlags.EPOLLONESHOT;
import static org.osgix.syscall.EpollFlags.EPOLLOUT;
import static org.osgix.syscall.EpollFlags.EPOLLRDHUP;
import static org.osgix.syscall.EpollFlags.EPOLL_CTL_ADD;
import static org.osgix.syscall.EpollFlags.EPOLL_CTL_DEL;
import static org.osgix.syscall.EpollFlags.EPOLL_CTL_MOD;
import static org.osgix.syscall.EpollFlags.EPOLL_EVENT_SIZE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;

/**
 * One kqueue emulated over Linux epoll. Knotes are keyed by (ident, filter) as in kqueue; each
 * filter has its own host epoll instance (so a READ and a WRITE knote on one fd can differ in
 * EV_CLEAR or EV_DISPATCH), and both are registered in the kqueue's own epoll fd, which is
 * therefore readable while any knote has an event. EV_CLEAR is EPOLLET; EV_ONESHOT and
 * EV_DISPATCH are EPOLLONESHOT, after which the knote is deleted or disabled; a disabled knote is
 * not in its host epoll at all (so not even end-of-file is reported).
 */
final class EmulatedKqueue {
    private final Host host;
    private final NativeMemory memory;
    /** The kqueue's fd: an epoll instance holding the two filter instances. */
    final int fd;
    /** Host epoll per filter: [0] EVFILT_READ, [1] EVFILT_WRITE. */
    private final int[] filterEpoll;
    private final int[] knotesOfFilter = new int[2];
    /** Knotes by filter ([0] read, [1] write), then by ident: kqueue's (ident, filter) key, allocation-free. */
    private final Knote[][] knotes = {new Knote[64], new Knote[64]};
    private final long ctlEvent;
    private long hostEvents;
    private int hostCapacity = 64;
    private boolean closed;

    EmulatedKqueue(Host host, int fd, int readEpoll, int writeEpoll) {
        this.host = host;
        this.memory = host.memory();
        this.fd = fd;
        this.filterEpoll = new int[] {readEpoll, writeEpoll};
        this.ctlEvent = memory.allocate(EPOLL_EVENT_SIZE);
        this.hostEvents = memory.allocate((long) hostCapacity * EPOLL_EVENT_SIZE);
    }

    /** The host epoll fds this kqueue owns besides its own fd. */
    int[] filterFds() {
        return filterEpoll.clone();
    }

    /** Applies the changes; returns the EV_ERROR entries written, or a negative errno. */
    synchronized int applyChanges(KeventList changes, int nchanges, KeventList out, int nevents) {
        if (closed) {
            return -Errno.EBADF;
        }
        int reported = 0;
        for (int i = 0; i < nchanges; i++) {
            int error = apply(changes, i);
            boolean receipt = (changes.flags[i] & EV_RECEIPT) != 0;
            if (error == 0 && !receipt) {
                continue;
            }
            if (reported >= nevents) {
                if (error != 0) {
                    return -error; // no room to report it: kevent itself fails
                }
                continue;
            }
            out.set(reported++, changes.ident[i], changes.filter[i], EV_ERROR, 0, error, changes.udata[i]);
        }
        return reported;
    }

    /** One change: 0 or a positive errno. */
    private int apply(KeventList changes, int i) {
        short filter = changes.filter[i];
        if (filter != EVFILT_READ && filter != EVFILT_WRITE) {
            return Errno.EINVAL;
        }
        long identValue = changes.ident[i];
        if (identValue < 0 || identValue > Integer.MAX_VALUE) {
            return Errno.EBADF;
        }
        int ident = (int) identValue;
        int flags = changes.flags[i];
        Knote knote = knote(ident, filter);
        if ((flags & EV_DELETE) != 0) {
            if (knote == null) {
                return missing(ident);
            }
            delete(knote);
            return 0;
        }
        if ((flags & EV_ADD) != 0) {
            boolean created = knote == null;
            if (created) {
                if ((flags & EV_DISABLE) != 0 && host.fcntl(ident, Host.F_GETFD, 0) < 0) {
                    return Errno.EBADF; // nothing reaches the host to check the ident
                }
                knote = new Knote(ident, filter);
            }
            int previousBehaviour = knote.behaviour;
            boolean previouslyEnabled = knote.enabled;
            knote.behaviour = flags & KNOTE_BEHAVIOUR;
            knote.fflags = changes.fflags[i];
            knote.data = changes.data[i];
            knote.udata = changes.udata[i];
            knote.enabled = (flags & EV_DISABLE) == 0;
            int error = sync(knote, true);
            if (error != 0) {
                if (!created) {
                    knote.behaviour = previousBehaviour;
                    knote.enabled = previouslyEnabled;
                }
                return error;
            }
            if (created) {
                store(knote);
                knotesOfFilter[index(filter)]++;
            }
            return 0;
        }
        if (knote == null) {
            return missing(ident);
        }
        if ((flags & EV_DISABLE) != 0) {
            knote.enabled = false;
            return sync(knote, false);
        }
        if ((flags & EV_ENABLE) != 0) {
            knote.enabled = true;
            return sync(knote, true);
        }
        return 0;
    }

    /** kqueue answers EBADF for a closed ident before it looks for the knote. */
    private int missing(int ident) {
        return host.fcntl(ident, Host.F_GETFD, 0) < 0 ? Errno.EBADF : Errno.ENOENT;
    }

    /**
     * Makes the host registration match the knote: an enabled knote is registered and armed
     * ({@code rearm} re-arms one already registered), a disabled one is not registered.
     */
    private int sync(Knote knote, boolean rearm) {
        int epoll = filterEpoll[index(knote.filter)];
        if (!knote.enabled) {
            if (knote.inHost) {
                knote.inHost = false;
                return -Math.min(0, control(epoll, EPOLL_CTL_DEL, knote));
            }
            return 0;
        }
        if (knote.inHost && !rearm) {
            return 0;
        }
        int r = control(epoll, knote.inHost ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, knote);
        if (r < 0) {
            return -r;
        }
        knote.inHost = true;
        return 0;
    }

    private int control(int epoll, int op, Knote knote) {
        int events = knote.filter == EVFILT_READ ? EPOLLIN | EPOLLRDHUP : EPOLLOUT;
        if ((knote.behaviour & EV_CLEAR) != 0) {
            events |= EPOLLET;
        }
        if ((knote.behaviour & (EV_ONESHOT | EV_DISPATCH)) != 0) {
            events |= EPOLLONESHOT;
        }
        memory.putInt(ctlEvent, events);
        memory.putLong(ctlEvent + 4, knote.ident);
        return host.epollCtl(epoll, op, knote.ident, ctlEvent);
    }

    private void delete(Knote knote) {
        if (knote.inHost) {
            control(filterEpoll[index(knote.filter)], EPOLL_CTL_DEL, knote);
            knote.inHost = false;
        }
        knotes[index(knote.filter)][knote.ident] = null;
        knotesOfFilter[index(knote.filter)]--;
    }

    /** Takes up to {@code nevents} triggered knotes into {@code out} from index {@code from}. */
    synchronized int scan(KeventList out, int from, int nevents) {
        if (closed) {
            return -Errno.EBADF;
        }
        int filled = from;
        for (int f = 0; f < 2 && filled < nevents; f++) {
            if (knotesOfFilter[f] == 0) {
                continue;
            }
            int want = nevents - filled;
            ensureHostCapacity(want);
            int n;
            do {
                n = host.epollWait(filterEpoll[f], hostEvents, want, 0);
            } while (n == -Errno.EINTR);
            if (n < 0) {
                return n;
            }
            short filter = f == 0 ? EVFILT_READ : EVFILT_WRITE;
            for (int i = 0; i < n; i++) {
                long at = hostEvents + (long) i * EPOLL_EVENT_SIZE;
                int hostReady = memory.getInt(at);
                int ident = (int) memory.getLong(at + 4);
                Knote knote = knote(ident, filter);
                if (knote == null || !knote.enabled) {
                    continue; // deleted or disabled since the host queued it
                }
                report(knote, hostReady, out, filled++);
            }
        }
        return filled - from;
    }

    private void report(Knote knote, int hostReady, KeventList out, int at) {
        boolean readSide = knote.filter == EVFILT_READ;
        int eofBits = readSide ? EPOLLHUP | EPOLLRDHUP | EPOLLERR : EPOLLHUP | EPOLLERR;
        int flags = EV_ADD | knote.behaviour | ((hostReady & eofBits) != 0 ? EV_EOF : 0);
        // data is a lower bound of kqueue's byte count: 1 when the host says ready, else 0
        long data = (hostReady & (readSide ? EPOLLIN : EPOLLOUT)) != 0 ? 1 : 0;
        out.set(at, knote.ident, knote.filter, flags, 0, data, knote.udata);
        if ((knote.behaviour & EV_ONESHOT) != 0) {
            delete(knote);
        } else if ((knote.behaviour & EV_DISPATCH) != 0) {
            knote.enabled = false; // the host's EPOLLONESHOT has disarmed it already
        }
    }

    private void ensureHostCapacity(int wanted) {
        if (wanted > hostCapacity) {
            int grown = Math.max(wanted, hostCapacity * 2);
            long fresh = memory.allocate((long) grown * EPOLL_EVENT_SIZE);
            memory.free(hostEvents);
            hostEvents = fresh;
            hostCapacity = grown;
        }
    }

    /** The ident is being closed: its knotes go, as kqueue drops a closed descriptor's knotes. */
    synchronized void identClosing(int ident) {
        if (closed) {
            return;
        }
        Knote read = knote(ident, EVFILT_READ);
        if (read != null) {
            delete(read);
        }
        Knote write = knote(ident, EVFILT_WRITE);
        if (write != null) {
            delete(write);
        }
    }

    /** Idents with knotes (for tests and diagnostics). */
    synchronized List<Integer> idents() {
        List<Integer> idents = new ArrayList<>();
        for (int ident = 0; ident < Math.max(knotes[0].length, knotes[1].length); ident++) {
            if (knote(ident, EVFILT_READ) != null || knote(ident, EVFILT_WRITE) != null) {
                idents.add(ident);
            }
        }
        return idents;
    }

    /** Forgets every knote and frees native memory; the caller closes the fds. */
    synchronized void dispose() {
        if (!closed) {
            closed = true;
            Arrays.fill(knotes[0], null);
            Arrays.fill(knotes[1], null);
            memory.free(ctlEvent);
            memory.free(hostEvents);
        }
    }

    private Knote knote(int ident, short filter) {
        Knote[] byIdent = knotes[index(filter)];
        return ident < byIdent.length ? byIdent[ident] : null;
    }

    private void store(Knote knote) {
        int f = index(knote.filter);
        if (knote.ident >= knotes[f].length) {
            knotes[f] = Arrays.copyOf(knotes[f], Math.max(knote.ident + 1, knotes[f].length * 2));
        }
        knotes[f][knote.ident] = knote;
    }

    private static int index(short filter) {
        return filter == EVFILT_READ ? 0 : 1;
    }
}
