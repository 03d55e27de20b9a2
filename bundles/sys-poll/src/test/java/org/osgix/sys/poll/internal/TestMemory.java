package org.osgix.sys.poll.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;

/**
 * Guest memory for the family's tests: one block of host memory, all readable and writable;
 * anything outside it faults, as unmapped guest memory does. Mapping operations are not needed.
 */
final class TestMemory implements AddressSpace {
    private final NativeMemory mem;
    private final long base;
    private final long size;
    private long next;

    TestMemory(NativeMemory mem, long size) {
        this.mem = mem;
        this.size = size;
        this.base = mem.allocate(size);
        this.next = base;
    }

    /** {@code bytes} of zeroed guest memory, 16-byte aligned. */
    synchronized long alloc(long bytes) {
        long addr = next;
        next = (next + bytes + 15) & -16L;
        if (next > base + size) {
            throw new IllegalStateException("test memory exhausted");
        }
        mem.fill(addr, bytes, (byte) 0);
        return addr;
    }

    void free() {
        mem.free(base);
    }

    @Override
    public boolean isAccessible(long addr, long len, int access) {
        return len >= 0 && addr >= base && len <= base + size - addr;
    }

    @Override
    public long hostAddress(long addr, long len, int access) {
        return isAccessible(addr, len, access) ? addr : -Errno.EFAULT;
    }

    private void check(long addr, long len) {
        if (!isAccessible(addr, len, PROT_READ)) {
            throw new GuestFault(addr);
        }
    }

    @Override
    public byte readByte(long addr) {
        check(addr, 1);
        return mem.getByte(addr);
    }

    @Override
    public int readInt(long addr) {
        check(addr, 4);
        return mem.getInt(addr);
    }

    @Override
    public long readLong(long addr) {
        check(addr, 8);
        return mem.getLong(addr);
    }

    @Override
    public void writeByte(long addr, byte value) {
        check(addr, 1);
        mem.putByte(addr, value);
    }

    @Override
    public void writeInt(long addr, int value) {
        check(addr, 4);
        mem.putInt(addr, value);
    }

    @Override
    public void writeLong(long addr, long value) {
        check(addr, 8);
        mem.putLong(addr, value);
    }

    @Override
    public void read(long addr, byte[] dst, int off, int len) {
        check(addr, len);
        mem.get(addr, dst, off, len);
    }

    @Override
    public void write(long addr, byte[] src, int off, int len) {
        check(addr, len);
        mem.put(addr, src, off, len);
    }

    @Override
    public void fill(long addr, long len, byte value) {
        check(addr, len);
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
        write(addr, bytes, 0, bytes.length);
        writeByte(addr + bytes.length, (byte) 0);
        return bytes.length + 1;
    }

    @Override
    public long mmap(long addr, long len, int prot, int flags, int hostFd, long offset, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int munmap(long addr, long len) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int mprotect(long addr, long len, int prot) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int madvise(long addr, long len, int advice) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long brk(long newBreak) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void initBrk(long start) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Mapping> mappings() {
        return List.of();
    }
}
