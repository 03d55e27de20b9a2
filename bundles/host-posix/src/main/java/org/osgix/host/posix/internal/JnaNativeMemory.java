package org.osgix.host.posix.internal;

import com.sun.jna.Pointer;
import org.osgix.host.NativeMemory;

/**
 * Raw host memory. Scalars and array copies go through direct {@link java.nio.ByteBuffer} views
 * ({@link AddressWindows}), which the JIT compiles to plain loads and stores, allocating nothing;
 * bulk operations are libc's memset/memmove/memchr through direct mapping.
 */
final class JnaNativeMemory implements NativeMemory {
    private static final Pointer BASE = new Pointer(0);
    /** Bytes indexOfNul scans in Java before it calls memchr (a direct call costs ~80 ns). */
    private static final int JAVA_SCAN_LIMIT = 128;
    private final AddressWindows windows = new AddressWindows();

    @Override
    public byte getByte(long addr) {
        return windows.buffer(addr).get(AddressWindows.index(addr));
    }

    @Override
    public int getInt(long addr) {
        return windows.buffer(addr).getInt(AddressWindows.index(addr));
    }

    @Override
    public long getLong(long addr) {
        return windows.buffer(addr).getLong(AddressWindows.index(addr));
    }

    @Override
    public void putByte(long addr, byte v) {
        windows.buffer(addr).put(AddressWindows.index(addr), v);
    }

    @Override
    public void putInt(long addr, int v) {
        windows.buffer(addr).putInt(AddressWindows.index(addr), v);
    }

    @Override
    public void putLong(long addr, long v) {
        windows.buffer(addr).putLong(AddressWindows.index(addr), v);
    }

    @Override
    public void get(long addr, byte[] dst, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (len <= AddressWindows.MAX_ACCESS) {
            windows.buffer(addr).get(AddressWindows.index(addr), dst, off, len);
        } else {
            BASE.read(addr, dst, off, len);
        }
    }

    @Override
    public void put(long addr, byte[] src, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (len <= AddressWindows.MAX_ACCESS) {
            windows.buffer(addr).put(AddressWindows.index(addr), src, off, len);
        } else {
            BASE.write(addr, src, off, len);
        }
    }

    @Override
    public void fill(long addr, long len, byte v) {
        if (len > 0) {
            LibC.memset(addr, v, len);
        }
    }

    @Override
    public void copy(long dst, long src, long len) {
        if (len > 0) {
            LibC.memmove(dst, src, len);
        }
    }

    @Override
    public long indexOfNul(long addr, long max) {
        if (max <= 0) {
            return -1;
        }
        // short strings (most paths) are cheaper to scan here than to hand to memchr
        int scanned = (int) Math.min(max, JAVA_SCAN_LIMIT);
        java.nio.ByteBuffer buffer = windows.buffer(addr);
        int index = AddressWindows.index(addr);
        for (int i = 0; i < scanned; i++) {
            if (buffer.get(index + i) == 0) {
                return i;
            }
        }
        if (scanned == max) {
            return -1;
        }
        long found = LibC.memchr(addr + scanned, 0, max - scanned);
        return found == 0 ? -1 : found - addr;
    }

    @Override
    public long allocate(long size) {
        long addr = LibC.calloc(1, Math.max(size, 1));
        if (addr == 0) {
            throw new OutOfMemoryError("calloc(" + size + ") failed");
        }
        return addr;
    }

    @Override
    public void free(long addr) {
        LibC.free(addr);
    }
}
