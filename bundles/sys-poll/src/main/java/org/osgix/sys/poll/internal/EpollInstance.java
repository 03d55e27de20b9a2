package org.osgix.sys.poll.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.poll.PollBackend;
import org.osgix.poll.PollEvents;
import org.osgix.poll.PollException;
import org.osgix.poll.PollSet;
import org.osgix.syscall.Errno;

/**
 * One guest epoll instance. It keeps the interest list (a {@link Watch} per watched description)
 * and asks a backend {@link PollSet} for host readiness. Its description's host fd is a small host
 * epoll, the <em>proxy</em>, holding the current set's readiness fd and a wake eventfd: it is
 * readable exactly when the instance may have events, stays the same across backend migrations,
 * and so serves waiters, poll/select on the epoll fd, and nesting in other epoll instances.
 *
 * <p>All state is guarded by one lock; waiting happens outside it (on the proxy).
 */
final class EpollInstance {
    private static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;

    private final Host host;
    private final NativeMemory memory;
    private final EpollRegistry registry;
    /** The description's host fd (owned and closed by the descriptor table). */
    final int proxyFd;
    private final int wakeFd;
    /** The backend the process asked for ("poll" launch option), or null. */
    final String requestedBackend;
    /** epoll_event for the proxy, the wake counter, and a pollfd, 32 bytes. */
    private final long scratch;

    private final Object lock = new Object();
    private final Map<OpenFile, Watch> watches = new IdentityHashMap<>();
    private final WatchKeys keys = new WatchKeys();
    private final PendingEvents pending = new PendingEvents();
    private PollBackend backend;
    private PollSet set;
    private boolean wakePosted;
    private boolean disposed;
    private long[] collectedKeys = new long[16];
    private int[] collectedEvents = new int[16];

    private EpollInstance(Host host, EpollRegistry registry, int proxyFd, int wakeFd, String requestedBackend) {
        this.host = host;
        this.memory = host.memory();
        this.registry = registry;
        this.proxyFd = proxyFd;
        this.wakeFd = wakeFd;
        this.requestedBackend = requestedBackend;
        this.scratch = memory.allocate(32);
    }

    /** A new instance on {@code backend} (null: none yet); its proxy fd is the caller's to install. */
    static EpollInstance create(Host host, EpollRegistry registry, String requestedBackend, PollBackend backend)
            throws PollException {
        int proxy = host.epollCreate1(EpollBits.EPOLL_CLOEXEC);
        if (proxy < 0) {
            throw new PollException(-proxy, "epoll_create1");
        }
        int wake = host.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (wake < 0) {
            host.close(proxy);
            throw new PollException(-wake, "eventfd");
        }
        EpollInstance instance = new EpollInstance(host, registry, proxy, wake, requestedBackend);
        int r = instance.proxyControl(EpollBits.EPOLL_CTL_ADD, wake);
        try {
            if (r < 0) {
                throw new PollException(-r, "epoll_ctl");
            }
            if (backend != null) {
                instance.set = backend.open();
                instance.backend = backend;
                r = instance.proxyControl(EpollBits.EPOLL_CTL_ADD, instance.set.readinessFd());
                if (r < 0) {
                    throw new PollException(-r, "epoll_ctl");
                }
            }
        } catch (PollException e) {
            instance.dispose();
            host.close(proxy);
            throw e;
        }
        return instance;
    }

    private int proxyControl(int op, int fd) {
        memory.putInt(scratch, PollEvents.IN);
        memory.putLong(scratch + 4, fd);
        return host.epollCtl(proxyFd, op, fd, scratch);
    }

    // --- epoll_ctl ---

    /** EPOLL_CTL_ADD of ({@code file}, {@code fd}): 0, -EEXIST, -EPERM or the backend's errno. */
    int add(int fd, OpenFile file, int events, long data) {
        synchronized (lock) {
            if (disposed) {
                return -Errno.EBADF;
            }
            Watch watch = watches.get(file);
            if (watch != null && watch.interest(fd) != null) {
                return -Errno.EEXIST;
            }
            boolean fresh = watch == null;
            if (fresh) {
                if (file.hostFd() < 0) {
                    return -Errno.EPERM; // nothing on the host to watch
                }
                watch = new Watch(this, file);
                watch.key = keys.allocate(watch);
                if (!file.addCloseListener(watch)) {
                    keys.release(watch.key);
                    return -Errno.EBADF;
                }
                watches.put(file, watch);
            }
            Interest interest = new Interest(fd, events, data);
            watch.interests.add(interest);
            int r = watch.sync(set, true);
            if (r < 0) {
                watch.interests.remove(interest);
                if (fresh) {
                    drop(watch, true);
                } else {
                    watch.sync(set, false);
                }
            }
            return r;
        }
    }

    /** EPOLL_CTL_MOD: 0, -ENOENT, or -EINVAL for an EPOLLEXCLUSIVE registration. */
    int modify(int fd, OpenFile file, int events, long data) {
        synchronized (lock) {
            Interest interest = find(fd, file);
            if (interest == null) {
                return -Errno.ENOENT;
            }
            if (interest.has(EpollBits.EPOLLEXCLUSIVE)) {
                return -Errno.EINVAL;
            }
            interest.events = events;
            interest.data = data;
            interest.armed = true;
            return watches.get(file).sync(set, true);
        }
    }

    /** EPOLL_CTL_DEL: 0 or -ENOENT. The caller holds the nesting lock when the file is an epoll instance. */
    int remove(int fd, OpenFile file) {
        synchronized (lock) {
            Interest interest = find(fd, file);
            if (interest == null) {
                return -Errno.ENOENT;
            }
            Watch watch = watches.get(file);
            watch.interests.remove(interest);
            if (watch.interests.isEmpty()) {
                drop(watch, true);
            } else {
                watch.sync(set, false);
            }
            return 0;
        }
    }

    private Interest find(int fd, OpenFile file) {
        Watch watch = disposed ? null : watches.get(file);
        return watch == null ? null : watch.interest(fd);
    }

    /** Forgets a watch (its registrations); unlinks a nested instance (nesting lock held). */
    private void drop(Watch watch, boolean stillListening) {
        watch.unregister(set);
        keys.release(watch.key);
        watches.remove(watch.file);
        if (stillListening) {
            watch.file.removeCloseListener(watch);
        }
        EpollInstance nested = watch.nestedInstance();
        if (nested != null) {
            registry.nesting().unlink(this, nested);
        }
    }

    /** The watched description was released (its last descriptor closed): its registrations go. */
    void watchReleased(Watch watch) {
        if (watch.nestedInstance() != null) {
            synchronized (registry.nesting().lock) {
                forget(watch);
            }
        } else {
            forget(watch);
        }
    }

    private void forget(Watch watch) {
        synchronized (lock) {
            if (!disposed && watches.get(watch.file) == watch) {
                drop(watch, false);
            }
        }
    }

    // --- epoll_wait ---

    /**
     * Delivers up to {@code room} events to {@code sink} without blocking: first those the family
     * holds (re-polled, since Linux reports current readiness), then the backend's.
     *
     * @return the number delivered
     */
    int harvest(EventSink sink, int room) {
        synchronized (lock) {
            if (disposed) {
                return 0;
            }
            int delivered = 0;
            if (pending.size() > 0) {
                int taken = 0;
                for (; taken < pending.size() && delivered < room; taken++) {
                    Watch watch = keys.lookup(pending.key(taken));
                    if (watch == null) {
                        continue;
                    }
                    int written = deliver(watch, currentReadiness(watch), sink, delivered, room);
                    if (written < 0) {
                        break;
                    }
                    delivered += written;
                }
                pending.removeFirst(taken);
            }
            if (pending.size() == 0 && set != null && delivered < room) {
                int got = collect(set, room - delivered);
                for (int i = 0; i < got; i++) {
                    Watch watch = keys.lookup(collectedKeys[i]);
                    if (watch == null) {
                        continue;
                    }
                    watch.reportedByBackend();
                    int written = delivered < room
                        ? deliver(watch, collectedEvents[i], sink, delivered, room) : -1;
                    if (written < 0) {
                        pending.add(collectedKeys[i], collectedEvents[i]);
                    } else {
                        delivered += written;
                    }
                }
            }
            updateWake();
            return delivered;
        }
    }

    /**
     * Writes one event per armed registration of {@code watch} that {@code ready} concerns;
     * disarms ONESHOT ones. Returns how many were written, or -1 when they do not fit after
     * others (the caller keeps the event for the next wait).
     */
    private int deliver(Watch watch, int ready, EventSink sink, int at, int room) {
        int wanted = 0;
        for (Interest i : watch.interests) {
            if (i.armed && (ready & reportable(i)) != 0) {
                wanted++;
            }
        }
        if (wanted > room - at && at > 0) {
            return -1;
        }
        int written = 0;
        for (Interest i : watch.interests) {
            int events = ready & reportable(i);
            if (!i.armed || events == 0 || at + written >= room) {
                continue;
            }
            sink.put(at + written, events, i.data);
            written++;
            if (i.has(PollEvents.ONESHOT)) {
                i.armed = false;
            }
        }
        watch.sync(set, false);
        return written;
    }

    private static int reportable(Interest i) {
        return (i.events | EpollBits.ALWAYS) & PollEvents.EVENT_BITS;
    }

    /** The host's poll(2) of the watched fd now, as Linux re-polls an item when reporting it. */
    private int currentReadiness(Watch watch) {
        int events = 0;
        for (Interest i : watch.interests) {
            events |= i.events & PollEvents.EVENT_BITS;
        }
        long pollfd = scratch + 16;
        memory.putInt(pollfd, watch.hostFd);
        memory.putInt(pollfd + 4, events & 0xffff);
        int r = host.poll(pollfd, 1, 0);
        return r > 0 ? memory.getInt(pollfd + 4) >>> 16 : 0;
    }

    /** Takes up to {@code max} events from {@code from} into the collect buffers. */
    private int collect(PollSet from, int max) {
        if (max > collectedKeys.length) {
            int grown = Math.max(max, collectedKeys.length * 2);
            collectedKeys = new long[grown];
            collectedEvents = new int[grown];
        }
        int got = from.collect(collectedKeys, collectedEvents, max);
        return Math.max(got, 0);
    }

    /** The wake eventfd keeps the proxy readable exactly while the family holds events. */
    private void updateWake() {
        if (pending.size() > 0 && !wakePosted) {
            memory.putLong(scratch + 24, 1);
            host.write(wakeFd, scratch + 24, 8);
            wakePosted = true;
        } else if (pending.size() == 0 && wakePosted) {
            host.read(wakeFd, scratch + 24, 8);
            wakePosted = false;
        }
    }

    /** For a caller whose buffer has no room: moves ready events to the family; true if there were any. */
    boolean hasEvents() {
        synchronized (lock) {
            if (!disposed && pending.size() == 0 && set != null) {
                int got = collect(set, keys.size() + 1);
                for (int i = 0; i < got; i++) {
                    Watch watch = keys.lookup(collectedKeys[i]);
                    if (watch != null) {
                        watch.reportedByBackend();
                        pending.add(collectedKeys[i], collectedEvents[i]);
                    }
                }
                updateWake();
            }
            return pending.size() > 0;
        }
    }

    // --- backends ---

    /**
     * Moves the interest list to {@code to} (null: no backend). The new set is armed first; what it
     * reports at once is readiness the guest may already know, so edge-triggered reports of it are
     * dropped (the old set reported, or still holds, that edge). Then the old set's queued events
     * are taken over and it is closed, and events that reached the new set meanwhile are added:
     * every event stays, held by the family until the next wait re-polls and delivers it.
     */
    void migrate(PollBackend to) {
        synchronized (lock) {
            if (disposed || to == backend) {
                return;
            }
            PollSet fresh = null;
            if (to != null) {
                try {
                    fresh = to.open();
                } catch (PollException e) {
                    return; // stay on the old backend
                }
            }
            PollSet old = set;
            List<Watch> all = new ArrayList<>(watches.values());
            for (Watch w : all) {
                w.registered = false;
                w.armedInBackend = false;
                w.sync(fresh, false);
            }
            if (fresh != null) {
                proxyControl(EpollBits.EPOLL_CTL_ADD, fresh.readinessFd());
                takeOver(fresh, true, true);
            }
            if (old != null) {
                takeOver(old, false, false);
                proxyControl(EpollBits.EPOLL_CTL_DEL, old.readinessFd());
                old.close();
            }
            set = fresh;
            backend = to;
            if (fresh != null) {
                takeOver(fresh, true, false);
            }
            updateWake();
        }
    }

    /** Moves what {@code from} reports into the pending events. */
    private void takeOver(PollSet from, boolean current, boolean dropEdges) {
        int got = collect(from, keys.size() + 1);
        for (int i = 0; i < got; i++) {
            Watch watch = keys.lookup(collectedKeys[i]);
            if (watch == null) {
                continue;
            }
            if (current) {
                watch.reportedByBackend();
                if (dropEdges && watch.edgeOnlyInBackend()) {
                    continue;
                }
            }
            pending.add(collectedKeys[i], collectedEvents[i]);
        }
    }

    /** The backend currently serving this instance (null: none). */
    PollBackend backend() {
        synchronized (lock) {
            return backend;
        }
    }

    // --- life cycle ---

    /**
     * The description is released: every registration goes, the backend set and wake fd close.
     * The proxy fd is the descriptor table's to close. Takes the nesting lock.
     */
    void dispose() {
        synchronized (registry.nesting().lock) {
            synchronized (lock) {
                if (disposed) {
                    return;
                }
                disposed = true;
                for (Watch w : new ArrayList<>(watches.values())) {
                    drop(w, true);
                }
                pending.clear();
                if (set != null) {
                    set.close();
                    set = null;
                }
                host.close(wakeFd);
                memory.free(scratch);
            }
        }
        registry.forget(this);
    }

    /** Number of watched descriptions (tests). */
    int watchCount() {
        synchronized (lock) {
            return watches.size();
        }
    }
}
