package org.osgix.sys.poll.internal;

import java.util.Arrays;

/**
 * The keys backends report watches by: a slot index in the low half and the slot's generation in
 * the high half, so an event queued for a watch that is gone (its slot since reused) is told
 * apart and dropped. Guarded by the instance's lock.
 */
final class WatchKeys {
    private Watch[] watches = new Watch[16];
    private int[] generations = new int[16];
    private int[] free = new int[16];
    private int freeCount;
    private int used;

    long allocate(Watch watch) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (used == watches.length) {
                watches = Arrays.copyOf(watches, used * 2);
                generations = Arrays.copyOf(generations, used * 2);
            }
            slot = used++;
        }
        watches[slot] = watch;
        return ((long) generations[slot] << 32) | slot;
    }

    void release(long key) {
        int slot = (int) key;
        if (lookup(key) == null) {
            return;
        }
        watches[slot] = null;
        generations[slot]++;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = slot;
    }

    /** The live watch {@code key} names, or null. */
    Watch lookup(long key) {
        int slot = (int) key;
        if (slot < 0 || slot >= used || generations[slot] != (int) (key >>> 32)) {
            return null;
        }
        return watches[slot];
    }

    int size() {
        return used - freeCount;
    }
}
