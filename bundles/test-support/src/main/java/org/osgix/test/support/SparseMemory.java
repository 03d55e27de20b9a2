package org.osgix.test.support;

import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import org.osgix.syscall.GuestFault;

/**
 * Guest memory made of a few byte arrays at guest addresses (not host memory: nothing can be
 * handed to a host call); anything else faults. For decoders and other readers of guest memory.
 */
public final class SparseMemory implements FixedLayoutMemory {
    private final TreeMap<Long, byte[]> regions = new TreeMap<>();

    /** Maps zeroed pages at {@code addr} for {@code size} bytes (guest memory is mapped by pages). */
    public SparseMemory map(long addr, int size) {
        regions.put(addr, new byte[(int) ((size + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE)]);
        return this;
    }

    public SparseMemory put(long addr, byte[] bytes) {
        write(addr, bytes, 0, bytes.length);
        return this;
    }

    /** Writes a NUL-terminated string (mapping room for it first). */
    public SparseMemory string(long addr, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        map(addr, b.length + 1);
        return put(addr, b);
    }

    public SparseMemory putLong(long addr, long v) {
        writeLong(addr, v);
        return this;
    }

    public SparseMemory putInt(long addr, int v) {
        writeInt(addr, v);
        return this;
    }

    private byte[] region(long addr, long len) {
        var e = regions.floorEntry(addr);
        if (e == null || addr + len > e.getKey() + e.getValue().length) {
            throw new GuestFault(addr);
        }
        return e.getValue();
    }

    private int offset(long addr) {
        return (int) (addr - regions.floorKey(addr));
    }

    @Override
    public long hostAddress(long addr, long len, int access) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isAccessible(long addr, long len, int access) {
        var e = regions.floorEntry(addr);
        return e != null && addr + len <= e.getKey() + e.getValue().length;
    }

    @Override
    public byte readByte(long addr) {
        return region(addr, 1)[offset(addr)];
    }

    @Override
    public int readInt(long addr) {
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (readByte(addr + i) & 0xff);
        }
        return v;
    }

    @Override
    public long readLong(long addr) {
        return (readInt(addr) & 0xffffffffL) | ((long) readInt(addr + 4) << 32);
    }

    @Override
    public void writeByte(long addr, byte value) {
        region(addr, 1)[offset(addr)] = value;
    }

    @Override
    public void writeInt(long addr, int value) {
        for (int i = 0; i < 4; i++) {
            writeByte(addr + i, (byte) (value >>> (8 * i)));
        }
    }

    @Override
    public void writeLong(long addr, long value) {
        writeInt(addr, (int) value);
        writeInt(addr + 4, (int) (value >>> 32));
    }

    @Override
    public void read(long addr, byte[] dst, int off, int len) {
        System.arraycopy(region(addr, len), offset(addr), dst, off, len);
    }

    @Override
    public void write(long addr, byte[] src, int off, int len) {
        System.arraycopy(src, off, region(addr, len), offset(addr), len);
    }

    @Override
    public void fill(long addr, long len, byte value) {
        for (long i = 0; i < len; i++) {
            writeByte(addr + i, value);
        }
    }

    @Override
    public String readCString(long addr, int maxLen) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int writeCString(long addr, String s) {
        throw new UnsupportedOperationException();
    }
}
