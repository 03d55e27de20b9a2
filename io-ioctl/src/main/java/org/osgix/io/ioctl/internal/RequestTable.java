package org.osgix.io.ioctl.internal;

import java.util.Map;
import org.osgix.fd.FileKind;
import org.osgix.ioctl.IoctlHandler;

/**
 * The winning handler per request code and descriptor kind, immutable. Keys are the unsigned
 * 32-bit request codes in an open-addressing table of primitive longs, so a lookup neither boxes
 * nor allocates.
 */
final class RequestTable {
    static final RequestTable EMPTY = new RequestTable(Map.of());
    private static final int KINDS = FileKind.values().length;
    /** Never a request code: codes are masked to 32 bits. */
    private static final long FREE = -1L;

    private final long[] keys;
    private final IoctlHandler[][] winners;
    private final int mask;

    /** {@code byRequest} maps a request code to its winners indexed by {@link FileKind#ordinal()}. */
    RequestTable(Map<Long, IoctlHandler[]> byRequest) {
        int capacity = Integer.highestOneBit(Math.max(4, byRequest.size() * 2 + 1) * 2 - 1);
        keys = new long[capacity];
        winners = new IoctlHandler[capacity][];
        mask = capacity - 1;
        java.util.Arrays.fill(keys, FREE);
        byRequest.forEach((request, perKind) -> {
            if (perKind.length != KINDS) {
                throw new IllegalArgumentException("one winner slot per file kind expected");
            }
            int i = slot(request);
            while (keys[i] != FREE) {
                i = (i + 1) & mask;
            }
            keys[i] = request;
            winners[i] = perKind.clone();
        });
    }

    /** The handler serving {@code request} (low 32 bits) on {@code kind}, or null. */
    IoctlHandler lookup(long request, FileKind kind) {
        long key = request & 0xffffffffL;
        for (int i = slot(key);; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return winners[i][kind.ordinal()];
            }
            if (k == FREE) {
                return null;
            }
        }
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
