package org.osgix.sys.poll.internal;

import java.util.HashMap;
import java.util.Map;
import org.osgix.syscall.Errno;

/**
 * Which epoll instances watch which, for Linux's loop check: adding an epoll instance to another
 * must not close a cycle, nor make a chain of more than {@link EpollBits#MAX_NESTS} watches
 * (counting both the instances above the watcher and those below the watched one). Changes and
 * checks happen under {@link #lock}, which is taken before any instance's lock.
 */
final class Nesting {
    final Object lock = new Object();
    /** watcher → (watched → number of watches). */
    private final Map<EpollInstance, Map<EpollInstance, Integer>> below = new HashMap<>();
    /** watched → (watcher → number of watches). */
    private final Map<EpollInstance, Map<EpollInstance, Integer>> above = new HashMap<>();

    /** 0, or {@code -ELOOP} when {@code watcher} may not watch {@code watched}. */
    int check(EpollInstance watcher, EpollInstance watched) {
        int down = depthBelow(watched, watcher, 0);
        if (down < 0) {
            return -Errno.ELOOP;
        }
        int up = depthAbove(watcher, 0);
        return down + 1 + up > EpollBits.MAX_NESTS ? -Errno.ELOOP : 0;
    }

    /** The longest chain of watches below {@code from}, or -1 on reaching {@code forbidden} or going too deep. */
    private int depthBelow(EpollInstance from, EpollInstance forbidden, int depth) {
        if (from == forbidden || depth > EpollBits.MAX_NESTS) {
            return -1;
        }
        int deepest = 0;
        for (EpollInstance next : below.getOrDefault(from, Map.of()).keySet()) {
            int d = depthBelow(next, forbidden, depth + 1);
            if (d < 0) {
                return -1;
            }
            deepest = Math.max(deepest, d + 1);
        }
        return deepest;
    }

    private int depthAbove(EpollInstance from, int depth) {
        if (depth > EpollBits.MAX_NESTS) {
            return depth;
        }
        int deepest = 0;
        for (EpollInstance next : above.getOrDefault(from, Map.of()).keySet()) {
            deepest = Math.max(deepest, depthAbove(next, depth + 1) + 1);
        }
        return deepest;
    }

    void link(EpollInstance watcher, EpollInstance watched) {
        below.computeIfAbsent(watcher, k -> new HashMap<>()).merge(watched, 1, Integer::sum);
        above.computeIfAbsent(watched, k -> new HashMap<>()).merge(watcher, 1, Integer::sum);
    }

    void unlink(EpollInstance watcher, EpollInstance watched) {
        decrement(below, watcher, watched);
        decrement(above, watched, watcher);
    }

    private static void decrement(Map<EpollInstance, Map<EpollInstance, Integer>> edges, EpollInstance from,
            EpollInstance to) {
        Map<EpollInstance, Integer> targets = edges.get(from);
        if (targets == null) {
            return;
        }
        targets.computeIfPresent(to, (k, n) -> n > 1 ? n - 1 : null);
        if (targets.isEmpty()) {
            edges.remove(from);
        }
    }

    /** Number of instances with edges (tests: a released instance leaves none). */
    int size() {
        return below.size() + above.size();
    }
}
