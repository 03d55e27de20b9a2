package org.osgix.engine.nativecpu.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the guest may do where, as the kernel last told the machine: protection and whether the
 * range is a shared file mapping. Consulted before rewriting code. Not thread-safe: the machine
 * calls it under its lock.
 */
final class MemoryRegions {
    /** One range [start, end). */
    record Region(long start, long end, int prot, int flags) {
    }

    private final TreeMap<Long, Region> byStart = new TreeMap<>();

    void set(long start, long end, int prot, int flags) {
        clear(start, end);
        byStart.put(start, new Region(start, end, prot, flags));
    }

    void clear(long start, long end) {
        Map.Entry<Long, Region> before = byStart.lowerEntry(start);
        if (before != null && before.getValue().end() > start) {
            Region r = before.getValue();
            byStart.put(r.start(), new Region(r.start(), start, r.prot(), r.flags()));
            if (r.end() > end) {
                byStart.put(end, new Region(end, r.end(), r.prot(), r.flags()));
            }
        }
        for (Map.Entry<Long, Region> e = byStart.ceilingEntry(start); e != null && e.getKey() < end;
                e = byStart.ceilingEntry(start)) {
            Region r = byStart.remove(e.getKey());
            if (r.end() > end) {
                byStart.put(end, new Region(end, r.end(), r.prot(), r.flags()));
            }
        }
    }

    /** The region holding all of [start, end), or null when it spans several or none. */
    Region covering(long start, long end) {
        Map.Entry<Long, Region> e = byStart.floorEntry(start);
        return e != null && e.getValue().end() >= end ? e.getValue() : null;
    }
}
