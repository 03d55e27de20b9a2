package org.osgix.syscall.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The services of one whiteboard, best first ({@link Ranked#BEST_FIRST}). Changes are rare and
 * synchronized; they publish a new immutable list, so readers take no lock and a reader on a hot
 * path can index {@link #services()} without allocating.
 */
public final class RankedServices<S> {
    /** Both views of one state, published together. */
    private record State<S>(List<Ranked<S>> ranked, List<S> services) {
    }

    private volatile State<S> state = new State<>(List.of(), List.of());

    /**
     * Adds a service, or re-ranks it when the same object is already here (a DS "updated"
     * callback after a ranking change).
     */
    public void add(S service, Map<String, ?> properties) {
        add(Ranked.of(service, properties));
    }

    /** Adds an entry, replacing one holding the same object. */
    public synchronized void add(Ranked<S> entry) {
        List<Ranked<S>> next = new ArrayList<>(state.ranked());
        next.removeIf(e -> e.service() == entry.service());
        next.add(entry);
        publish(next);
    }

    /** Removes the entry holding {@code service}; returns whether there was one. */
    public boolean remove(S service) {
        return removeIf(e -> e.service() == service);
    }

    /** Removes the entries {@code which} selects; returns whether there were any. */
    public synchronized boolean removeIf(Predicate<? super Ranked<S>> which) {
        List<Ranked<S>> next = new ArrayList<>(state.ranked());
        if (!next.removeIf(which)) {
            return false;
        }
        publish(next);
        return true;
    }

    /** The services, best first (an immutable snapshot). */
    public List<S> services() {
        return state.services();
    }

    /** The entries with their ranking and id, best first (an immutable snapshot). */
    public List<Ranked<S>> entries() {
        return state.ranked();
    }

    /** The best service, or null when there is none. */
    public S best() {
        List<S> now = state.services();
        return now.isEmpty() ? null : now.get(0);
    }

    private void publish(List<Ranked<S>> next) {
        next.sort(Ranked.BEST_FIRST);
        List<S> plain = new ArrayList<>(next.size());
        next.forEach(e -> plain.add(e.service()));
        state = new State<>(List.copyOf(next), List.copyOf(plain));
    }
}
