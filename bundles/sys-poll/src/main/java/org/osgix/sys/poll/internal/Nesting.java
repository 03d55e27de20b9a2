package org.osgix.sys.poll.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.osgix.syscall.Errno;

/**
 * Which epoll instances watch which. It answers Linux's loop check (no cycle, and no chain of
 * more than {@link EpollBits#MAX_NESTS} watches counting the instances above the watcher and those
 * below the watched one), and keeps each watcher's wake-up proxy holding the cores of all its
 * descendants, so a wait on a watcher wakes when anything below it may be ready.
 *
 * <p>Everything happens under {@link #lock}, which is taken before any instance's lock; instance
 * locks are taken one at a time from here.
 */
final class Nesting {
    final Object lock = new Object();
    /** watcher → watched instances. */
    private final Map<EpollInstance, Set<EpollInstance>> below = new HashMap<>();
    /** watched → watchers. */
    private final Map<EpollInstance, Set<EpollInstance>> above = new HashMap<>();
    /** Instances whose proxy holds descendants' cores now. */
    private final Set<EpollInstance> flattened = new HashSet<>();

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
        for (EpollInstance next : below.getOrDefault(from, Set.of())) {
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
        for (EpollInstance next : above.getOrDefault(from, Set.of())) {
            deepest = Math.max(deepest, depthAbove(next, depth + 1) + 1);
        }
        return deepest;
    }

    /** {@code watcher} now watches {@code watched}; proxies follow. */
    void link(EpollInstance watcher, EpollInstance watched) {
        below.computeIfAbsent(watcher, k -> new HashSet<>()).add(watched);
        above.computeIfAbsent(watched, k -> new HashSet<>()).add(watcher);
        refreshProxies();
    }

    void unlink(EpollInstance watcher, EpollInstance watched) {
        remove(below, watcher, watched);
        remove(above, watched, watcher);
        refreshProxies();
    }

    /** Drops every edge of a released instance (before its fds close); proxies follow. */
    void forget(EpollInstance instance) {
        for (EpollInstance watched : below.getOrDefault(instance, Set.of())) {
            remove(above, watched, instance);
        }
        for (EpollInstance watcher : above.getOrDefault(instance, Set.of())) {
            remove(below, watcher, instance);
        }
        below.remove(instance);
        above.remove(instance);
        refreshProxies();
    }

    private static void remove(Map<EpollInstance, Set<EpollInstance>> edges, EpollInstance from, EpollInstance to) {
        Set<EpollInstance> targets = edges.get(from);
        if (targets != null) {
            targets.remove(to);
            if (targets.isEmpty()) {
                edges.remove(from);
            }
        }
    }

    /** Makes every watcher's proxy hold exactly the cores of its descendants. */
    private void refreshProxies() {
        Set<EpollInstance> todo = new HashSet<>(flattened);
        todo.addAll(below.keySet());
        for (EpollInstance watcher : todo) {
            Set<EpollInstance> descendants = descendants(watcher);
            watcher.proxyDescendants(descendants);
            if (descendants.isEmpty()) {
                flattened.remove(watcher);
            } else {
                flattened.add(watcher);
            }
        }
    }

    private Set<EpollInstance> descendants(EpollInstance top) {
        Set<EpollInstance> found = new HashSet<>();
        Deque<EpollInstance> work = new ArrayDeque<>(below.getOrDefault(top, Set.of()));
        while (!work.isEmpty()) {
            EpollInstance next = work.pop();
            if (found.add(next)) {
                work.addAll(below.getOrDefault(next, Set.of()));
            }
        }
        return found;
    }

    /** Number of instances with edges (tests: released instances leave none). */
    int size() {
        return below.size() + above.size();
    }
}
