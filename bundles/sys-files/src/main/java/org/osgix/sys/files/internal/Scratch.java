package org.osgix.sys.files.internal;

import java.lang.ref.Cleaner;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.support.PerThread;

/**
 * Per-thread host memory for results the host writes before they are checked or converted
 * (stat buffers, link targets, the working directory). One block per guest thread, allocated on
 * first use and freed once the thread (and so its block) is gone. Handlers never nest, so a
 * handler may use the whole block until it returns.
 */
final class Scratch {
    /** Room for a PATH_MAX result plus small structures after it. */
    static final int SIZE = 8192;
    /** Offset of a second region for small structures (a converted statx, a termios). */
    static final int SMALL = 4608;

    private static final Cleaner CLEANER = Cleaner.create();

    private final NativeMemory memory;
    private final PerThread<Block> blocks;

    Scratch(NativeMemory memory) {
        this.memory = memory;
        this.blocks = new PerThread<>(() -> new Block(memory));
    }

    /** The calling thread's block (SIZE bytes). */
    long address() {
        return blocks.get().address;
    }

    /** A PATH_MAX-sized byte array of the calling thread, for copying into guest memory. */
    byte[] bytes() {
        return blocks.get().bytes;
    }

    NativeMemory memory() {
        return memory;
    }

    private static final class Block {
        final long address;
        final byte[] bytes = new byte[SIZE];

        Block(NativeMemory memory) {
            long addr = memory.allocate(SIZE);
            this.address = addr;
            CLEANER.register(this, () -> memory.free(addr));
        }
    }
}
