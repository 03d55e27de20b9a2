package org.osgix.test.support;

import java.util.Arrays;
import java.util.List;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.support.CheckedMemory;

/**
 * Guest memory for handler tests: a page-aligned block of real host memory (so host calls can
 * use it), with a protection per page. Anything outside the block is unmapped: accessors throw
 * {@link GuestFault} and {@link #hostAddress} answers -EFAULT, as the kernel's address space does.
 * Mapping changes are not supported; {@link #mappings()} lists what a test sets.
 */
public final class PagedMemory extends CheckedMemory implements FixedLayoutMemory, AutoCloseable {
    private final NativeMemory mem;
    private final long block;
    private final long base;
    private final int[] protections;

    /** {@code pages} fresh pages of host memory, readable and writable. */
    public PagedMemory(NativeMemory mem, int pages) {
        super(mem);
        this.mem = mem;
        this.block = mem.allocate((pages + 1L) * PAGE_SIZE);
        this.base = (block + PAGE_SIZE - 1) & -PAGE_SIZE;
        this.protections = new int[pages];
        Arrays.fill(protections, PROT_READ | PROT_WRITE);
    }

    /** The first guest (and host) address. */
    public long base() {
        return base;
    }

    /** The address just past the block. */
    public long end() {
        return base + protections.length * PAGE_SIZE;
    }

    /** Changes the protection of the pages covering [addr, addr+len). */
    public void protect(long addr, long len, int prot) {
        for (long p = (addr - base) / PAGE_SIZE; p < (addr + len - base + PAGE_SIZE - 1) / PAGE_SIZE; p++) {
            protections[(int) p] = prot;
        }
    }

    @Override
    public void close() {
        mem.free(block);
    }

    @Override
    public boolean isAccessible(long addr, long len, int access) {
        if (len < 0 || addr < base || addr > end() || len > end() - addr) {
            return false;
        }
        for (long p = (addr - base) / PAGE_SIZE; p < (addr + len - base + PAGE_SIZE - 1) / PAGE_SIZE; p++) {
            if ((protections[(int) p] & access) != access) {
                return false;
            }
        }
        return true;
    }

    private volatile List<Mapping> mappings = List.of();

    /** Sets what {@link #mappings()} reports (tests of /proc/self/maps). */
    public void setMappings(List<Mapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public List<Mapping> mappings() {
        return mappings;
    }
}
