package org.osgix.sys.poll.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Events the family holds itself instead of the backend: those taken from a retired backend set
 * during a migration and those that did not fit the caller's buffer. At most one entry per key
 * (events are merged), in arrival order. Only migrations and overflows fill it, so its index may
 * allocate. Guarded by the instance's lock.
 */
final class PendingEvents {
    private long[] keys = new long[8];
    private int[] events = new int[8];
    private int count;
    private final Map<Long, Integer> indexOfKey = new HashMap<>();

    void add(long key, int ready) {
        Integer at = indexOfKey.get(key);
        if (at != null) {
            events[at] |= ready;
            return;
        }
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
            events = Arrays.copyOf(events, count * 2);
        }
        indexOfKey.put(key, count);
        keys[count] = key;
        events[count++] = ready;
    }

    int size() {
        return count;
    }

    long key(int i) {
        return keys[i];
    }

    int events(int i) {
        return events[i];
    }

    /** Drops the first {@code n} entries (they were delivered). */
    void removeFirst(int n) {
        if (n == 0) {
            return;
        }
        System.arraycopy(keys, n, keys, 0, count - n);
        System.arraycopy(events, n, events, 0, count - n);
        count -= n;
        indexOfKey.clear();
        for (int i = 0; i < count; i++) {
            indexOfKey.put(keys[i], i);
        }
    }

    void clear() {
        count = 0;
        indexOfKey.clear();
    }
}
