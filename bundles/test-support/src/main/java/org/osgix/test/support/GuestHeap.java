package org.osgix.test.support;

/** A bump allocator in test memory: zeroed blocks, 16-byte aligned (test threads may allocate concurrently). */
public final class GuestHeap {
    private final PagedMemory memory;
    private long next;

    /** Allocates from {@code memory}'s first byte on. */
    public GuestHeap(PagedMemory memory) {
        this.memory = memory;
        this.next = memory.base();
    }

    /** {@code size} bytes of zeroed guest memory. */
    public synchronized long alloc(long size) {
        long addr = next;
        next = (next + size + 15) & -16L;
        if (next > memory.end()) {
            throw new IllegalStateException("test memory exhausted");
        }
        memory.fill(addr, size, (byte) 0);
        return addr;
    }

    /** A page-aligned, zeroed guest page (for protection tests). */
    public synchronized long page() {
        next = (next + PagedMemory.PAGE_SIZE - 1) & -PagedMemory.PAGE_SIZE;
        return alloc(PagedMemory.PAGE_SIZE);
    }
}
