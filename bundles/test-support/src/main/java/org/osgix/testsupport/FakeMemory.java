package org.osgix.testsupport;

import java.nio.charset.StandardCharsets;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;

/**
 * Guest memory for tests: one page-aligned block of real host memory (so host calls can write
 * into it), guest address = host address. Everything outside the block faults; the pages from
 * {@link #readOnlyFrom} on are readable but not writable. Mapping changes are not supported.
 */
public final class FakeMemory extends FixedLayoutMemory implements AutoCloseable {
    private final NativeMemory nativeMemory;
    private final long allocation;
    private final long base;
    private final long size;
    private long readOnlyFrom;

    /** {@code size} bytes of fresh host memory, writable. */
    public FakeMemory(NativeMemory nativeMemory, long size) {
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

    private long check(long addr, long len, int access) {
        if (!isAccessible(addr, len, access)) {
            throw new GuestFault(addr);
        }
        return addr;
    }

    @Override
    public long hostAddress(long addr, long len, int access) {
        return isAccessible(addr, len, access) ? addr : -Errno.EFAULT;
    }

    @Override
    public byte readByte(long addr) {
        return nativeMemory.getByte(check(addr, 1, PROT_READ));
    }

    @Override
    public int readInt(long addr) {
        return nativeMemory.getInt(check(addr, 4, PROT_READ));
    }

    @Override
    public long readLong(long addr) {
        return nativeMemory.getLong(check(addr, 8, PROT_READ));
    }

    @Override
    public void writeByte(long addr, byte value) {
        nativeMemory.putByte(check(addr, 1, PROT_WRITE), value);
    }

    @Override
    public void writeInt(long addr, int value) {
        nativeMemory.putInt(check(addr, 4, PROT_WRITE), value);
    }

    @Override
    public void writeLong(long addr, long value) {
        nativeMemory.putLong(check(addr, 8, PROT_WRITE), value);
    }

    @Override
    public void read(long addr, byte[] dst, int off, int len) {
        nativeMemory.get(check(addr, len, PROT_READ), dst, off, len);
    }

    @Override
    public void write(long addr, byte[] src, int off, int len) {
        nativeMemory.put(check(addr, len, PROT_WRITE), src, off, len);
    }

    @Override
    public void fill(long addr, long len, byte value) {
        nativeMemory.fill(check(addr, len, PROT_WRITE), len, value);
    }

    @Override
    public String readCString(long addr, int maxLen) {
        long nul = nativeMemory.indexOfNul(check(addr, Math.min(maxLen, base + size - addr), PROT_READ),
            Math.min(maxLen, base + size - addr));
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
