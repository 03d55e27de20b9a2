package org.osgix.sys.poll.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.osgix.host.Host;
import org.osgix.poll.PollBackend;
import org.osgix.syscall.support.Ranked;
import org.osgix.poll.PollException;
import org.osgix.poll.PollSet;

/**
 * The family's epoll instances and the backends they run on. When the backends change (one is
 * added, removed or re-ranked) every live instance moves to the backend it would now choose; a
 * read-write lock keeps instances being created from missing that move.
 */
final class EpollRegistry {
    private final Host host;
    private final Backends backends = new Backends();
    private final Nesting nesting = new Nesting();
    private final Set<EpollInstance> live = ConcurrentHashMap.newKeySet();
    private final ReadWriteLock choosing = new ReentrantReadWriteLock();

    EpollRegistry(Host host) {
        this.host = host;
    }

    Nesting nesting() {
        return nesting;
    }

    /** A new instance on the backend {@code requested} names (or the best one). */
    EpollInstance create(String requested) throws PollException {
        choosing.readLock().lock();
        try {
            EpollInstance instance = EpollInstance.create(host, this, requested, backends.choose(requested));
            live.add(instance);
            return instance;
        } finally {
            choosing.readLock().unlock();
        }
    }

    void forget(EpollInstance instance) {
        live.remove(instance);
    }

    /** A set for one blocking poll or select, on the backend {@code requested} names (or the best); null when none. */
    PollSet openTransient(String requested) {
        PollBackend backend = backends.choose(requested);
        if (backend == null) {
            return null;
        }
        try {
            return backend.open();
        } catch (PollException e) {
            return null;
        }
    }

    /** A backend came or was re-ranked. */
    void backendAdded(Ranked<PollBackend> backend) {
        changeBackends(() -> backends.add(backend));
    }

    void backendRemoved(PollBackend backend) {
        changeBackends(() -> backends.remove(backend));
    }

    private void changeBackends(Runnable change) {
        choosing.writeLock().lock();
        try {
            change.run();
            for (EpollInstance instance : live) {
                instance.migrate(backends.choose(instance.requestedBackend));
            }
        } finally {
            choosing.writeLock().unlock();
        }
    }

    /** Backend names, best first. */
    java.util.List<String> backendNames() {
        return backends.names();
    }

    int liveInstances() {
        return live.size();
    }
}
