package org.osgix.test.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.osgix.syscall.GuestFault;

/**
 * Guest memory in a Java buffer, at {@link #BASE} unless told otherwise (no host memory: nothing
 * can be handed to a host call), with a protection per page. Everything outside, or without the
 * access needed, throws {@link GuestFault}. Aligned int and long accesses are volatile and there
 * are guest atomics, so test threads see each other's stores as guest threads would (a direct
 * buffer, because newer JDKs refuse atomic access to byte[] views).
 */
public class BufferMemory implements FixedLayoutMemory {
    /** The guest address of the buffer's first byte, unless a constructor says otherwise. */
    public static final long BASE = 0x10000;
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long base;
    private final ByteBuffer bytes;
    private final int size;
    private final int[] pageProt;

    /** {@code pages} pages at {@link #BASE}, readable and writable. */
    public BufferMemory(int pages) {
        this(BASE, pages);
    }

    /** {@code pages} pages at {@code base}, readable and writable. */
    public BufferMemory(long base, int pages) {
        this.base = base;
        size = pages * (int) PAGE_SIZE;
        bytes = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
        pageProt = new int[pages];
        Arrays.fill(pageProt, PROT_READ | PROT_WRITE);
    }

    /** The guest address of byte {@code offset} of a buffer at {@link #BASE}. */
    public static long at(long offset) {
        return BASE + offset;
    }

    /** The guest address of the buffer's first byte. */
    public long base() {
        return base;
    }

    /** Sets the protection of page {@code page} (counted from {@link #base()}). */
    public void protect(int page, int prot) {
        pageProt[page] = prot;
    }

    /** The address just past the buffer. */
    public long end() {
        return base + size;
    }

    private int index(long addr, long len, int access) {
        if (!isAccessible(addr, len, access)) {
            throw new GuestFault(addr);
        }
        return (int) (addr - base);
    }

    @Override
    public boolean isAccessible(long addr, long len, int access) {
        if (len < 0 || addr < base || addr + len > end() || addr + len < addr) {
            return false;
        }
        for (long a = addr; a < addr + len; a = (a / PAGE_SIZE + 1) * PAGE_SIZE) {
            if ((pageProt[(int) ((a - base) / PAGE_SIZE)] & access) != access) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long hostAddress(long addr, long len, int access) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte readByte(long addr) {
        return bytes.get(index(addr, 1, PROT_READ));
    }

    @Override
    public int readInt(long addr) {
        int i = index(addr, 4, PROT_READ);
        return (i & 3) == 0 ? (int) INTS.getVolatile(bytes, i) : (int) INTS.get(bytes, i);
    }

    @Override
    public long readLong(long addr) {
        int i = index(addr, 8, PROT_READ);
        return (i & 7) == 0 ? (long) LONGS.getVolatile(bytes, i) : (long) LONGS.get(bytes, i);
    }

    @Override
    public void writeByte(long addr, byte value) {
        bytes.put(index(addr, 1, PROT_WRITE), value);
    }

    @Override
    public void writeInt(long addr, int value) {
        int i = index(addr, 4, PROT_WRITE);
        if ((i & 3) == 0) {
            INTS.setVolatile(bytes, i, value);
        } else {
            INTS.set(bytes, i, value);
        }
    }

    @Override
    public void writeLong(long addr, long value) {
        int i = index(addr, 8, PROT_WRITE);
        if ((i & 7) == 0) {
            LONGS.setVolatile(bytes, i, value);
        } else {
            LONGS.set(bytes, i, value);
        }
    }

    /** A guest atomic (lock cmpxchg) on an aligned word. */
    public boolean compareAndSetInt(long addr, int expected, int value) {
        return INTS.compareAndSet(bytes, index(addr, 4, PROT_WRITE), expected, value);
    }

    /** A guest atomic (lock xchg) on an aligned word. */
    public int getAndSetInt(long addr, int value) {
        return (int) INTS.getAndSet(bytes, index(addr, 4, PROT_WRITE), value);
    }

    @Override
    public void read(long addr, byte[] dst, int off, int len) {
        bytes.get(index(addr, len, PROT_READ), dst, off, len);
    }

    @Override
    public void write(long addr, byte[] src, int off, int len) {
        bytes.put(index(addr, len, PROT_WRITE), src, off, len);
    }

    @Override
    public void fill(long addr, long len, byte value) {
        int i = index(addr, len, PROT_WRITE);
        for (int n = 0; n < len; n++) {
            bytes.put(i + n, value);
        }
    }

    @Override
    public String readCString(long addr, int maxLen) {
        for (int n = 0; n < maxLen; n++) {
            if (readByte(addr + n) == 0) {
                byte[] utf8 = new byte[n];
                read(addr, utf8, 0, n);
                return new String(utf8, StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
