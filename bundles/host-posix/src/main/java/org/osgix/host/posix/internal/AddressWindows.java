package org.osgix.host.posix.internal;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Direct {@link ByteBuffer}s that view host memory in 1 GiB-aligned windows of 2 GiB - 1 bytes,
 * so any access of up to 1 GiB that starts in a window fits in its buffer. A buffer access is a
 * JIT intrinsic (about 1 ns) where a JNI call through {@link Pointer} costs about 10 ns. Creating
 * a view touches no memory; only accesses do, and callers guarantee their addresses are mapped.
 *
 * <p>Windows live in a small direct-mapped cache; a miss creates a new view (one JNI call). Views
 * are immutable, so racing threads at worst create the same view twice.
 */
final class AddressWindows {
    static final int WINDOW_SHIFT = 30;
    /** Accesses up to this length always fit in the window their first byte falls in. */
    static final long MAX_ACCESS = 1L << WINDOW_SHIFT;
    private static final int CACHE_SIZE = 64;
    private static final Pointer BASE = new Pointer(0);

    private static final class Window {
        final long start;
        final ByteBuffer buffer;

        Window(long start) {
            this.start = start;
            this.buffer = BASE.getByteBuffer(start, Integer.MAX_VALUE).order(ByteOrder.nativeOrder());
        }
    }

    private final Window[] cache = new Window[CACHE_SIZE];

    /** The buffer whose index {@code addr - start(addr)} is {@code addr}. */
    ByteBuffer buffer(long addr) {
        return window(addr).buffer;
    }

    /** The index of {@code addr} in {@link #buffer(long)}. */
    static int index(long addr) {
        return (int) (addr & (MAX_ACCESS - 1));
    }

    private Window window(long addr) {
        long start = addr & -MAX_ACCESS;
        int slot = (int) (addr >>> WINDOW_SHIFT) & (CACHE_SIZE - 1);
        Window window = cache[slot];
        if (window == null || window.start != start) {
            window = new Window(start);
            cache[slot] = window;
        }
        return window;
    }
}
