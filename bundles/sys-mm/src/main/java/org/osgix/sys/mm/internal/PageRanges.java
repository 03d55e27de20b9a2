package org.osgix.sys.mm.internal;

import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestMemory;

/**
 * Page arithmetic the way the kernel does it: addresses and lengths are unsigned, and rounding a
 * length up to pages wraps to 0 when it overflows (callers turn that into their errno).
 */
final class PageRanges {
    static final long PAGE_SIZE = GuestMemory.PAGE_SIZE;
    /** The top of x86_64 user space with 4-level page tables (TASK_SIZE). */
    static final long TASK_SIZE = (1L << 47) - PAGE_SIZE;

    private PageRanges() {
    }

    static boolean aligned(long addr) {
        return (addr & (PAGE_SIZE - 1)) == 0;
    }

    /** {@code len} rounded up to whole pages; 0 when that overflows (PAGE_ALIGN). */
    static long pageAlign(long len) {
        return (len + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    /** Unsigned {@code a > b}. */
    static boolean above(long a, long b) {
        return Long.compareUnsigned(a, b) > 0;
    }

    /** True when every page of {@code [start, end)} belongs to some mapping (PROT_NONE included). */
    static boolean covered(AddressSpace space, long start, long end) {
        long next = start;
        for (AddressSpace.Mapping mapping : space.mappings()) {
            if (!above(mapping.end(), next)) {
                continue;
            }
            if (above(mapping.start(), next)) {
                return false;
            }
            next = mapping.end();
            if (!above(end, next)) {
                return true;
            }
        }
        return false;
    }

    /** The mapping containing {@code addr}, or null. */
    static AddressSpace.Mapping mappingAt(AddressSpace space, long addr) {
        for (AddressSpace.Mapping mapping : space.mappings()) {
            if (!above(mapping.start(), addr) && above(mapping.end(), addr)) {
                return mapping;
            }
        }
        return null;
    }
}
