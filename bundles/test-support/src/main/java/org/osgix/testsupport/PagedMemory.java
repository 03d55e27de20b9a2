package org.osgix.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;

/**
 * Guest memory for handler tests: a page-aligned block of real host memory (so host calls can
 * use it), with a protection per page. Anything outside the block is unmapped: accessors throw
 * {@link GuestFault} and {@link #hostAddress} answers -EFAULT, as the kernel's address space does.
 * Mapping changes are not supported; {@link #mappings()} lists what a test sets.
 */
public final class PagedMemory extends FixedLayoutMemory implements AutoCloseable {
    private final NativeMemory mem;
    private final long block;
    private final long base;
    private final int[] protections;

    /** {@code pages} fresh pages of host memory, readable and writable. */
    public PagedMemory(NativeMemory mem, int pages) {
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

    @Override
    public long hostAddress(long addr, long len, int access) {
        return isAccessible(addr, len, access) ? addr : -Errno.EFAULT;
    }

    private void check(long addr, long len, int access) {
        if (!isAccessible(addr, len, access)) {
            throw new GuestFault(addr);
        }
    }

    @Override
    public byte readByte(long addr) {
        check(addr, 1, PROT_READ);
        return mem.getByte(addr);
    }

    @Override
    public int readInt(long addr) {
        check(addr, 4, PROT_READ);
        return mem.getInt(addr);
    }

    @Override
    public long readLong(long addr) {
        check(addr, 8, PROT_READ);
        return mem.getLong(addr);
    }

    @Override
    public void writeByte(long addr, byte value) {
        check(addr, 1, PROT_WRITE);
        mem.putByte(addr, value);
    }

    @Override
    public void writeInt(long addr, int value) {
        check(addr, 4, PROT_WRITE);
        mem.putInt(addr, value);
    }

    @Override
    public void writeLong(long addr, long value) {
        check(addr, 8, PROT_WRITE);
        mem.putLong(addr, value);
    }

    @Override
    public void read(long addr, byte[] dst, int off, int len) {
        check(addr, len, PROT_READ);
        mem.get(addr, dst, off, len);
    }

    @Override
    public void write(long addr, byte[] src, int off, int len) {
        check(addr, len, PROT_WRITE);
        mem.put(addr, src, off, len);
    }

    @Override
    public void fill(long addr, long len, byte value) {
        check(addr, len, PROT_WRITE);
        mem.fill(addr, len, value);
    }

    @Override
    public String readCString(long addr, int maxLen) {
        for (int i = 0; i <= maxLen; i++) {
            if (readByte(addr + i) == 0) {
                byte[] bytes = new byte[i];
                mem.get(addr, bytes, 0, i);
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public int writeCString(long addr, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        check(addr, bytes.length + 1L, PROT_WRITE);
        mem.put(addr, bytes, 0, bytes.length);
        mem.putByte(addr + bytes.length, (byte) 0);
        return bytes.length + 1;
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
