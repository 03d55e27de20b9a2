package org.osgix.poll.kqueue.internal;

import java.util.Arrays;

/**
 * An array of {@code struct kevent} kept as Java arrays (one per field), so building change lists
 * and reading results allocates nothing; a port copies it to and from the host's layout.
 */
final class KeventList {
    long[] ident;
    short[] filter;
    int[] flags;
    int[] fflags;
    long[] data;
    long[] udata;

    KeventList(int capacity) {
        ident = new long[capacity];
        filter = new short[capacity];
        flags = new int[capacity];
        fflags = new int[capacity];
        data = new long[capacity];
        udata = new long[capacity];
    }

    int capacity() {
        return ident.length;
    }

    /** Grows to hold at least {@code wanted} entries (contents kept). */
    void ensureCapacity(int wanted) {
        if (wanted > ident.length) {
            int grown = Math.max(wanted, ident.length * 2);
            ident = Arrays.copyOf(ident, grown);
            filter = Arrays.copyOf(filter, grown);
            flags = Arrays.copyOf(flags, grown);
            fflags = Arrays.copyOf(fflags, grown);
            data = Arrays.copyOf(data, grown);
            udata = Arrays.copyOf(udata, grown);
        }
    }

    /** EV_SET: fills entry {@code i}. */
    void set(int i, long ident, short filter, int flags, int fflags, long data, long udata) {
        this.ident[i] = ident;
        this.filter[i] = filter;
        this.flags[i] = flags;
        this.fflags[i] = fflags;
        this.data[i] = data;
        this.udata[i] = udata;
    }
}
