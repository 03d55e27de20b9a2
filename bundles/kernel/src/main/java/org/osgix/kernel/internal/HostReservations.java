package org.osgix.kernel.internal;

import java.util.Map;
import java.util.TreeMap;
import org.osgix.host.Host;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;

/**
 * The host address ranges a guest process owns. Once the guest has had memory at an address, the
 * host keeps it mapped (read-write, zero, no swap reservation) until the process ends, even after
 * the guest unmaps it: a handler racing a concurrent munmap then touches harmless zero pages
 * instead of crashing the JVM, and no JVM allocation can land where guest pointers still point.
 * New ranges are claimed with MAP_FIXED_NOREPLACE, so the guest can never map over JVM memory.
 *
 * <p>Not thread-safe: the address space calls it under its own lock.
 */
final class HostReservations {
    static final int PROT_RW = 3;
    static final int ANON_FLAGS = AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS | AddressSpace.MAP_NORESERVE;

    private final Host host;
    /** start → end of owned host ranges, non-overlapping, coalesced. */
    private final TreeMap<Long, Long> owned = new TreeMap<>();

    HostReservations(Host host) {
        this.host = host;
    }

    /**
     * Makes [start, end) owned, claiming the parts not yet owned. On failure nothing new is kept.
     *
     * @return 0 or -ENOMEM (the range collides with memory the guest does not own)
     */
    int claim(long start, long end) {
        long cursor = start;
        TreeMap<Long, Long> claimed = new TreeMap<>();
        while (cursor < end) {
            Map.Entry<Long, Long> covering = owned.floorEntry(cursor);
            if (covering != null && covering.getValue() > cursor) {
                cursor = Math.min(end, covering.getValue());
                continue;
            }
            Long nextOwned = owned.ceilingKey(cursor);
            long gapEnd = nextOwned == null ? end : Math.min(end, nextOwned);
            long got = host.mmap(cursor, gapEnd - cursor, PROT_RW,
                    ANON_FLAGS | AddressSpace.MAP_FIXED_NOREPLACE, -1, 0);
            if (got != cursor) {
                if (got >= 0) {
                    host.munmap(got, gapEnd - cursor); // an old kernel ignoring NOREPLACE
                }
                claimed.forEach((s, e) -> host.munmap(s, e - s));
                return -Errno.ENOMEM;
            }
            claimed.put(cursor, gapEnd);
            cursor = gapEnd;
        }
        claimed.forEach(this::addOwned);
        return 0;
    }

    boolean owns(long start, long end) {
        Map.Entry<Long, Long> e = owned.floorEntry(start);
        return e != null && e.getValue() >= end;
    }

    private void addOwned(long start, long end) {
        Map.Entry<Long, Long> before = owned.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            owned.remove(before.getKey());
        }
        Map.Entry<Long, Long> after = owned.ceilingEntry(start);
        while (after != null && after.getKey() <= end) {
            end = Math.max(end, after.getValue());
            owned.remove(after.getKey());
            after = owned.ceilingEntry(start);
        }
        owned.put(start, end);
    }

    /** Replaces owned [start, end) with fresh zero pages (the guest unmapped or re-mapped it). */
    int zero(long start, long end) {
        long got = host.mmap(start, end - start, PROT_RW, ANON_FLAGS | AddressSpace.MAP_FIXED, -1, 0);
        return got == start ? 0 : (int) Math.min(got, -Errno.ENOMEM);
    }

    /** Gives every owned range back to the host (process exit). */
    void releaseAll() {
        owned.forEach((s, e) -> host.munmap(s, e - s));
        owned.clear();
    }
}
