package org.osgix.sys.io.internal;

import java.lang.ref.Cleaner;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.support.PerThread;

/**
 * Per-thread host memory for the host iovec array of readv/writev, grown on demand up to
 * UIO_MAXIOV entries, followed by a few spare words for small host results (a FIONREAD count, an
 * offset). A block is freed when it is replaced by a larger one or its thread is gone.
 */
final class IovecScratch {
    static final int IOVEC_SIZE = 16;
    static final int SPARE_BYTES = 32;
    private static final int INITIAL_ENTRIES = 16;
    private static final Cleaner CLEANER = Cleaner.create();

    private final NativeMemory memory;
    /** Each thread's current block (only its own thread replaces it). */
    private final PerThread<Block[]> blocks = new PerThread<>(() -> new Block[1]);

    IovecScratch(NativeMemory memory) {
        this.memory = memory;
    }

    /**
     * The calling thread's spare words ({@link #SPARE_BYTES}), after its iovec array; valid
     * until the next {@link #table} call that grows the array.
     */
    long spare() {
        Block[] mine = blocks.get();
        if (mine[0] == null) {
            table(1);
        }
        return mine[0].address + (long) mine[0].entries * IOVEC_SIZE;
    }

    /** The calling thread's array with room for at least {@code entries} iovecs. */
    long table(int entries) {
        Block[] mine = blocks.get();
        Block block = mine[0];
        if (block == null || block.entries < entries) {
            int size = block == null ? INITIAL_ENTRIES : block.entries;
            while (size < entries) {
                size *= 2;
            }
            block = new Block(memory, size);
            mine[0] = block;
        }
        return block.address;
    }

    /** A one-entry iovec table {@code {base, length}} of the calling thread. */
    long single(long base, long length) {
        long table = table(1);
        memory.putLong(table, base);
        memory.putLong(table + 8, length);
        return table;
    }

    private static final class Block {
        final long address;
        final int entries;

        Block(NativeMemory memory, int entries) {
            long addr = memory.allocate((long) entries * IOVEC_SIZE + SPARE_BYTES);
            this.address = addr;
            this.entries = entries;
            CLEANER.register(this, () -> memory.free(addr));
        }
    }
}
