package org.osgix.sys.poll.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.poll.PollBackend;
import org.osgix.poll.PollEvents;
import org.osgix.poll.PollException;
import org.osgix.poll.PollSet;
import org.osgix.syscall.EpollFlags;
import org.osgix.syscall.Errno;

/**
 * One guest epoll instance. It keeps the interest list (a {@link Watch} per watched description)
 * and asks a backend {@link PollSet} for host readiness.
 *
 * <p>Host fds: the <em>core</em>, a small host epoll holding the current set's readiness fd and a
 * wake eventfd, is the description's host fd; it is readable when the instance may have events
 * and stays the same across backend migrations. Nested epoll instances are served by the family
 * (a backend would nest host epolls too deep): once an instance watches others it gets a
 * <em>proxy</em>, a host epoll holding its core and, edge-triggered, the cores of all its
 * descendants, so waiters wake when anything below may be ready. Host nesting stays within
 * proxy, core, set and the set's own levels, whatever the guest's depth.
 *
 * <p>State is guarded by one lock (taken after the nesting lock, and parent before child);
 * waiting happens outside it.
 */
final class EpollInstance {
    private static final int READY = PollEvents.IN | PollEvents.RDNORM;
    /** The most events one wait takes from the backend (fewer than maxevents is Linux-legal). */
    private static final int MAX_BATCH = 8192;

    private final EpollRegistry registry;
    private final InstanceHostFds hostFds;
    private final NativeMemory memory;
    /** The description's host fd (owned and closed by the descriptor table). */
    final int coreFd;
    /** The backend the process asked for ("poll" launch option), or null. */
    final String requestedBackend;

    private final Object lock = new Object();
    private final Map<OpenFile, Watch> watches = new IdentityHashMap<>();
    private final List<Watch> nestedWatches = new ArrayList<>();
    private final Set<EpollInstance> proxied = new HashSet<>();
    private final WatchKeys keys = new WatchKeys();
    private final PendingEvents pending = new PendingEvents();
    private PollBackend backend;
    private PollSet set;
    private boolean wakePosted;
    private boolean descendantWoke;
    private boolean disposed;
    private long[] collectedKeys = new long[16];
    private int[] collectedEvents = new int[16];

    private EpollInstance(EpollRegistry registry, InstanceHostFds hostFds, NativeMemory memory, String requestedBackend) {
        this.registry = registry;
        this.hostFds = hostFds;
        this.memory = memory;
        this.coreFd = hostFds.core;
        this.requestedBackend = requestedBackend;
    }

    /** A new instance on {@code backend} (null: none yet); its core fd is the caller's to install. */
    static EpollInstance create(Host host, EpollRegistry registry, String requestedBackend, PollBackend backend)
            throws PollException {
        InstanceHostFds hostFds = InstanceHostFds.create(host);
        EpollInstance instance = new EpollInstance(registry, hostFds, host.memory(), requestedBackend);
        try {
            if (backend != null) {
                instance.set = backend.open();
                instance.backend = backend;
                hostFds.addToCore(instance.set.readinessFd());
            }
        } catch (PollException e) {
            instance.dispose();
            host.close(hostFds.core);
            throw e;
        }
        return instance;
    }

    /** The host fd a waiter blocks on: the proxy once there is one, else the core. */
    int waitFd() {
        return hostFds.waitFd();
    }

    // --- epoll_ctl ---

    /**
     * EPOLL_CTL_ADD of ({@code file}, {@code fd}): 0, -EEXIST, -EPERM or the backend's errno. For
     * a nested epoll instance the caller holds the nesting lock and has done the loop check.
     */
    int add(int fd, OpenFile file, int events, long data) {
        Watch created = null;
        int r;
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
                if (watch.nested != null) {
                    nestedWatches.add(watch);
                }
            }
            Interest interest = new Interest(fd, events, data);
            watch.interests.add(interest);
            r = watch.sync(set, true);
            if (r < 0) {
                watch.interests.remove(interest);
                if (fresh) {
                    drop(watch, true);
                } else {
                    watch.sync(set, false);
                }
            } else if (fresh && watch.nested != null) {
                created = watch;
            }
        }
        if (created != null) {
            registry.nesting().link(this, created.nested);
        }
        return r;
    }

    /** EPOLL_CTL_MOD: 0, -ENOENT, or -EINVAL for an EPOLLEXCLUSIVE registration. */
    int modify(int fd, OpenFile file, int events, long data) {
        synchronized (lock) {
            Interest interest = find(fd, file);
            if (interest == null) {
                return -Errno.ENOENT;
            }
            if (interest.has(EpollFlags.EPOLLEXCLUSIVE)) {
                return -Errno.EINVAL;
            }
            interest.events = events;
            interest.data = data;
            interest.armed = true;
            Watch watch = watches.get(file);
            watch.lastReady = false; // Linux re-polls a modified registration
            return watch.sync(set, true);
        }
    }

    /** EPOLL_CTL_DEL: 0 or -ENOENT. For a nested epoll instance the caller holds the nesting lock. */
    int remove(int fd, OpenFile file) {
        Watch dropped = null;
        synchronized (lock) {
            Interest interest = find(fd, file);
            if (interest == null) {
                return -Errno.ENOENT;
            }
            Watch watch = watches.get(file);
            watch.interests.remove(interest);
            if (watch.interests.isEmpty()) {
                drop(watch, true);
                dropped = watch;
            } else {
                watch.sync(set, false);
            }
        }
        if (dropped != null && dropped.nested != null) {
            registry.nesting().unlink(this, dropped.nested);
        }
        return 0;
    }

    private Interest find(int fd, OpenFile file) {
        Watch watch = disposed ? null : watches.get(file);
        return watch == null ? null : watch.interest(fd);
    }

    /** Forgets a watch and its registrations (the caller unlinks a nested one afterwards). */
    private void drop(Watch watch, boolean stillListening) {
        watch.unregister(set);
        keys.release(watch.key);
        watches.remove(watch.file);
        nestedWatches.remove(watch);
        if (stillListening) {
            watch.file.removeCloseListener(watch);
        }
    }

    /** The watched description was released (its last descriptor closed): its registrations go. */
    void watchReleased(Watch watch) {
        if (watch.nested == null) {
            forget(watch);
            return;
        }
        synchronized (registry.nesting().lock) {
            if (forget(watch)) {
                registry.nesting().unlink(this, watch.nested);
            }
        }
    }

    private boolean forget(Watch watch) {
        synchronized (lock) {
            if (disposed || watches.get(watch.file) != watch) {
                return false;
            }
            drop(watch, false);
            return true;
        }
    }

    // --- epoll_wait ---

    /**
     * Delivers up to {@code room} events into the epoll_event array at host address {@code events} (checked
     * writable by the caller) without blocking: first those the family
     * holds (re-polled, since Linux reports current readiness), then the backend's, then those of
     * nested instances.
     *
     * @return the number delivered
     */
    int harvest(long events, int room) {
        synchronized (lock) {
            if (disposed) {
                return 0;
            }
            descendantWoke |= hostFds.drainProxy();
            int delivered = 0;
            if (pending.size() > 0) {
                int taken = 0;
                for (; taken < pending.size() && delivered < room; taken++) {
                    Watch watch = keys.lookup(pending.key(taken));
                    if (watch == null) {
                        continue;
                    }
                    int written = deliver(watch, currentReadiness(watch), events, delivered, room, true);
                    if (written < 0) {
                        break;
                    }
                    delivered += written;
                }
                pending.removeFirst(taken);
            }
            // after held events were delivered the set waits for the next call: it could report them again
            if (pending.size() == 0 && delivered == 0 && set != null) {
                int got = collect(set, Math.min(room - delivered, MAX_BATCH));
                for (int i = 0; i < got; i++) {
                    Watch watch = keys.lookup(collectedKeys[i]);
                    if (watch == null) {
                        continue;
                    }
                    watch.reportedByBackend();
                    int written = delivered < room
                        ? deliver(watch, collectedEvents[i], events, delivered, room, true) : -1;
                    if (written < 0) {
                        pending.add(collectedKeys[i], collectedEvents[i]);
                    } else {
                        delivered += written;
                    }
                }
            }
            for (int i = 0; i < nestedWatches.size() && delivered < room; i++) {
                Watch watch = nestedWatches.get(i);
                if (!anyArmed(watch)) {
                    continue;
                }
                int ready = watch.nested.readiness();
                boolean edge = ready != 0 && (!watch.lastReady || descendantWoke);
                watch.lastReady = ready != 0;
                if (ready != 0) {
                    delivered += Math.max(0, deliver(watch, ready, events, delivered, room, edge));
                }
            }
            descendantWoke = false;
            updateWake();
            return delivered;
        }
    }

    private static boolean anyArmed(Watch watch) {
        for (Interest i : watch.interests) {
            if (i.armed) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes one event per armed registration of {@code watch} that {@code ready} concerns
     * (edge-triggered ones only on an {@code edge}); disarms ONESHOT ones. Returns how many were
     * written, or -1 when they do not fit after others (the caller keeps the event).
     */
    private int deliver(Watch watch, int ready, long events, int at, int room, boolean edge) {
        int wanted = 0;
        for (Interest i : watch.interests) {
            if (reportsNow(i, ready, edge)) {
                wanted++;
            }
        }
        if (wanted > room - at && at > 0) {
            return -1;
        }
        int written = 0;
        for (Interest i : watch.interests) {
            if (!reportsNow(i, ready, edge) || at + written >= room) {
                continue;
            }
            long entry = events + (long) (at + written) * EpollFlags.EPOLL_EVENT_SIZE;
            memory.putInt(entry, ready & reportable(i));
            memory.putLong(entry + 4, i.data);
            written++;
            if (i.has(PollEvents.ONESHOT)) {
                i.armed = false;
            }
        }
        watch.sync(set, false);
        return written;
    }

    private static boolean reportsNow(Interest i, int ready, boolean edge) {
        return i.armed && (ready & reportable(i)) != 0 && (edge || !i.has(PollEvents.ET));
    }

    private static int reportable(Interest i) {
        return (i.events | EpollBits.ALWAYS) & PollEvents.EVENT_BITS;
    }

    /** The host's poll(2) of the watched fd now, as Linux re-polls an item when reporting it. */
    private int currentReadiness(Watch watch) {
        return hostFds.poll(watch.hostFd, watch.armedEvents());
    }

    /** Takes up to {@code max} events from {@code from} into the collect buffers. */
    private int collect(PollSet from, int max) {
        if (max > collectedKeys.length) {
            int grown = Math.max(max, collectedKeys.length * 2);
            collectedKeys = new long[grown];
            collectedEvents = new int[grown];
        }
        return Math.max(0, from.collect(collectedKeys, collectedEvents, max));
    }

    /** The wake eventfd keeps the core readable exactly while the family holds events. */
    private void updateWake() {
        if (pending.size() > 0 && !wakePosted) {
            hostFds.postWake();
            wakePosted = true;
        } else if (pending.size() == 0 && wakePosted) {
            hostFds.resetWake();
            wakePosted = false;
        }
    }

    /** Prepares a waiter that is not harvesting (poll or select on this epoll fd). */
    void beforeWait() {
        synchronized (lock) {
            if (!disposed) {
                descendantWoke |= hostFds.drainProxy();
            }
        }
    }

    /**
     * Linux's poll of an epoll fd: EPOLLIN|EPOLLRDNORM when an event could be reported now (held
     * events re-polled, the backend set's readiness, nested instances'); 0 otherwise. Takes
     * nothing: the events stay for epoll_wait.
     */
    int readiness() {
        synchronized (lock) {
            if (disposed) {
                return 0;
            }
            boolean ready = firstDeliverablePending() || (set != null && (hostFds.poll(set.readinessFd(), PollEvents.IN) & PollEvents.IN) != 0);
            for (int i = 0; !ready && i < nestedWatches.size(); i++) {
                Watch watch = nestedWatches.get(i);
                ready = (watch.nested.readiness() & watch.armedEvents()) != 0;
            }
            updateWake();
            return ready ? READY : 0;
        }
    }

    /** Whether a held event is still deliverable; held events found stale on the way are dropped. */
    private boolean firstDeliverablePending() {
        int stale = 0;
        boolean found = false;
        for (; stale < pending.size(); stale++) {
            Watch watch = keys.lookup(pending.key(stale));
            if (watch != null && (currentReadiness(watch) & (watch.armedEvents() | EpollBits.ALWAYS)) != 0) {
                found = true;
                break;
            }
        }
        pending.removeFirst(stale);
        return found;
    }

    // --- backends ---

    /**
     * Moves the interest list to {@code to} (null: no backend). The new set is armed first; what it
     * reports at once is readiness the guest may already know, so edge-triggered reports of it are
     * dropped when an old set was watching (it reported, or still holds, that edge). Then the old
     * set's queued events are taken over and it is closed, and events that reached the new set
     * meanwhile are added: every event stays, held by the family until the next wait re-polls and
     * delivers it. After a time without any backend nothing watched the host, so current readiness
     * is reported, edge-triggered or not (at least once, never lost).
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
                try {
                    hostFds.addToCore(fresh.readinessFd());
                } catch (PollException e) {
                    fresh.close();
                    return;
                }
            }
            PollSet old = set;
            for (Watch w : new ArrayList<>(watches.values())) {
                w.registered = false;
                w.armedInBackend = false;
                w.sync(fresh, false);
            }
            if (fresh != null) {
                takeOver(fresh, true, old != null);
            }
            if (old != null) {
                takeOver(old, false, false);
                hostFds.removeFromCore(old.readinessFd());
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

    /** Moves what {@code from} reports into the held events. */
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

    // --- nesting ---

    /** Makes the proxy hold exactly the cores of {@code descendants} (nesting lock held). */
    void proxyDescendants(Set<EpollInstance> descendants) {
        synchronized (lock) {
            if (disposed || (descendants.isEmpty() && proxied.isEmpty()) || !hostFds.ensureProxy()) {
                return; // without a proxy waiters keep the core: nested readiness is still seen on each harvest
            }
            for (EpollInstance gone : new ArrayList<>(proxied)) {
                if (!descendants.contains(gone)) {
                    hostFds.removeFromProxy(gone.coreFd);
                    proxied.remove(gone);
                }
            }
            for (EpollInstance d : descendants) {
                if (!proxied.contains(d) && hostFds.addToProxy(d.coreFd)) {
                    proxied.add(d);
                }
            }
        }
    }

    // --- life cycle ---

    /**
     * The description is released: every registration goes, the backend set, wake fd and proxy
     * close. The core fd is the descriptor table's to close.
     */
    void dispose() {
        synchronized (registry.nesting().lock) {
            registry.nesting().forget(this); // ancestors drop our core while it is still open
            synchronized (lock) {
                if (disposed) {
                    return;
                }
                disposed = true;
                if (set != null) {
                    set.close(); // first: the watches then have no backend registration to remove one by one
                    set = null;
                }
                for (Watch w : new ArrayList<>(watches.values())) {
                    drop(w, true);
                }
                pending.clear();
                hostFds.close();
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
