package org.osgix.sys.poll.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgix.poll.PollBackend;

/**
 * The poll backends available now, best first: highest {@code service.ranking}, then the oldest
 * service (lowest service id), as OSGi orders services.
 */
final class Backends {
    private record Entry(PollBackend backend, int ranking, long serviceId) {
    }

    private static final Comparator<Entry> BEST_FIRST =
        Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId);

    private volatile List<Entry> entries = List.of();

    synchronized void add(PollBackend backend, int ranking, long serviceId) {
        List<Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.backend == backend);
        next.add(new Entry(backend, ranking, serviceId));
        next.sort(BEST_FIRST);
        entries = List.copyOf(next);
    }

    synchronized void remove(PollBackend backend) {
        List<Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.backend == backend);
        entries = List.copyOf(next);
    }

    /** The backend named {@code wanted} if there is one, otherwise the best; null when none. */
    PollBackend choose(String wanted) {
        List<Entry> now = entries;
        if (wanted != null) {
            for (Entry e : now) {
                if (wanted.equals(e.backend.name())) {
                    return e.backend;
                }
            }
        }
        return now.isEmpty() ? null : now.get(0).backend;
    }

    /** The names, best first (diagnostics and tests). */
    List<String> names() {
        return entries.stream().map(e -> e.backend.name()).toList();
    }
}
