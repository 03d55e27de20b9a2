package org.osgix.testsupport;

import java.nio.charset.StandardCharsets;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.support.CheckedMemory;

/**
 * Guest memory for tests: one page-aligned block of real host memory (so host calls can write
 * into it), guest address = host address. Everything outside the block faults; the pages from
 * {@link #readOnlyFrom} on are readable but not writable. Mapping changes are not supported.
 */
public final class FakeMemory extends CheckedMemory implements FixedLayoutMemory, AutoCloseable {
    private final NativeMemory nativeMemory;
    private final long allocation;
    private final long base;
    private final long size;
    private long readOnlyFrom;

    /** {@code size} bytes of fresh host memory, writable. */
    public FakeMemory(NativeMemory nativeMemory, long size) {
        super(nativeMemory);
        this.nativeMemory = nativeMemory;
        this.allocation = nativeMemory.allocate(size + PAGE_SIZE);
        this.base = (allocation + PAGE_SIZE - 1) & -PAGE_SIZE;
        this.size = size;
        this.readOnlyFrom = base + size;
    }

    /** The first guest (and host) address. */
    public long base() {
        return base;
    }

    /** The address just past the block. */
    public long end() {
        return base + size;
    }

    /** Makes {@code [addr, end)} read-only. */
    public void readOnlyFrom(long addr) {
        readOnlyFrom = addr;
    }

    private boolean inside(long addr, long len) {
        return len >= 0 && addr >= base && addr <= base + size && len <= base + size - addr;
    }

    @Override
    public boolean isAccessible(long addr, long len, int access) {
        if (!inside(addr, len)) {
            return false;
        }
        return (access & PROT_WRITE) == 0 || len == 0 || addr + len <= readOnlyFrom;
    }

    @Override
    public String readCString(long addr, int maxLen) {
        long span = Math.min(maxLen, base + size - addr);
        check(addr, span, PROT_READ);
        long nul = nativeMemory.indexOfNul(addr, span);
        if (nul < 0) {
            return null;
        }
        byte[] bytes = new byte[(int) nul];
        read(addr, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        nativeMemory.free(allocation);
    }
}
