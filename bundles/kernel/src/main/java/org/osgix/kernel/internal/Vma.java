package org.osgix.kernel.internal;

import org.osgix.syscall.AddressSpace;

/**
 * One guest mapping [start, end): immutable; changes make new instances. {@code maxProt} is what
 * mprotect may grant (a shared mapping of a read-only file can never become writable).
 * {@code origin} is the file a private file mapping was copied from (null otherwise);
 * {@code backing} the host object a shared mapping maps at {@code offset} (null for private
 * mappings), which a forked child maps too, so both see the same pages.
 */
record Vma(long start, long end, int prot, int maxProt, boolean shared, boolean fileShared, long offset,
        String name, FileOrigin origin, SharedBacking backing) implements AddressSpace.Mapping {

    long length() {
        return end - start;
    }

    boolean contains(long addr) {
        return addr >= start && addr < end;
    }

    /** The part of this mapping inside [from, to), keeping the file offset consistent. */
    Vma slice(long from, long to) {
        long s = Math.max(start, from);
        long e = Math.min(end, to);
        return new Vma(s, e, prot, maxProt, shared, fileShared, offset + (s - start), name, origin, backing);
    }

    Vma withProt(int newProt) {
        return new Vma(start, end, newProt, maxProt, shared, fileShared, offset, name, origin, backing);
    }
}
