package org.osgix.engine.unicorn.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Host pages for tests, from libc mmap (in production the kernel bundle owns host memory). */
final class HostMemory implements AutoCloseable {
    private static final int PROT_READ = 1, PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20;
    private static final long MAP_FAILED = -1L;

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        long mmap(long addr, long len, int prot, int flags, int fd, long offset);

        int munmap(long addr, long len);
    }

    final long address;
    final long size;

    HostMemory(long size) {
        this.size = size;
        this.address = LibC.INSTANCE.mmap(0, size, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (address == MAP_FAILED) {
            throw new IllegalStateException("mmap failed");
        }
    }

    Pointer at(long offset) {
        return new Pointer(address + offset);
    }

    void write(long offset, byte[] bytes) {
        at(offset).write(0, bytes, 0, bytes.length);
    }

    long readLong(long offset) {
        return at(offset).getLong(0);
    }

    void writeLong(long offset, long value) {
        at(offset).setLong(0, value);
    }

    @Override
    public void close() {
        LibC.INSTANCE.munmap(address, size);
    }
}
