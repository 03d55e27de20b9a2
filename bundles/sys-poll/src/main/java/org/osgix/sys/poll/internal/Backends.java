package org.osgix.sys.poll.internal;

import java.util.List;
import org.osgix.poll.PollBackend;
import org.osgix.syscall.support.Ranked;
import org.osgix.syscall.support.RankedServices;

/** The poll backends available now, best first (the OSGi service order). */
final class Backends {
    private final RankedServices<PollBackend> ranked = new RankedServices<>();

    /** Adds a backend, or re-ranks it when it is already here. */
    void add(Ranked<PollBackend> backend) {
        ranked.add(backend);
    }

    void remove(PollBackend backend) {
        ranked.remove(backend);
    }

    /** The backend named {@code wanted} if there is one, otherwise the best; null when none. */
    PollBackend choose(String wanted) {
        List<PollBackend> now = ranked.services();
        if (wanted != null) {
            for (PollBackend b : now) {
                if (wanted.equals(b.name())) {
                    return b;
                }
            }
        }
        return now.isEmpty() ? null : now.get(0);
    }

    /** The names, best first (diagnostics and tests). */
    List<String> names() {
        return ranked.services().stream().map(PollBackend::name).toList();
    }
}
