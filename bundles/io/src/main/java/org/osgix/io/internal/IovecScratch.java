package org.osgix.io.internal;

import java.lang.ref.Cleaner;
import org.osgix.host.NativeMemory;

/**
 * Per-thread host memory for the host iovec array of readv/writev, grown on demand up to
 * UIO_MAXIOV entries. A block is freed when it is replaced by a larger one or its thread is gone.
 */
final class IovecScratch {
    static final int IOVEC_SIZE = 16;
    private static final int INITIAL_ENTRIES = 16;
    private static final Cleaner CLEANER = Cleaner.create();

    private final NativeMemory memory;
    private final ThreadLocal<Block> blocks = new ThreadLocal<>();

    IovecScratch(NativeMemory memory) {
        this.memory = memory;
    }

    /** The calling thread's array with room for at least {@code entries} iovecs. */
    long table(int entries) {
        Block block = blocks.get();
        if (block == null || block.entries < entries) {
            int size = block == null ? INITIAL_ENTRIES : block.entries;
            while (size < entries) {
                size *= 2;
            }
            block = new Block(memory, size);
            blocks.set(block);
        }
        return block.address;
    }

    private static final class Block {
        final long address;
        final int entries;

        Block(NativeMemory memory, int entries) {
            long addr = memory.allocate((long) entries * IOVEC_SIZE);
            this.address = addr;
            this.entries = entries;
            CLEANER.register(this, () -> memory.free(addr));
        }
    }
}
