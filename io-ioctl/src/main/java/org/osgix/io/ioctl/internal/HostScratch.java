package org.osgix.io.ioctl.internal;

import java.lang.ref.Cleaner;
import org.osgix.host.NativeMemory;

/**
 * Per-thread host memory for results the host writes that the guest must not see directly (a
 * struct stat, a probe's answer). One block per thread, allocated on first use and freed once the
 * thread is gone; handlers never nest, so a handler owns the block until it returns.
 */
final class HostScratch {
    /** Room for a struct stat (144 bytes) or any terminal structure. */
    static final int SIZE = 256;

    private static final Cleaner CLEANER = Cleaner.create();

    private final ThreadLocal<Block> blocks;

    HostScratch(NativeMemory memory) {
        this.blocks = ThreadLocal.withInitial(() -> new Block(memory));
    }

    /** The calling thread's block ({@link #SIZE} bytes). */
    long address() {
        return blocks.get().address;
    }

    private static final class Block {
        final long address;

        Block(NativeMemory memory) {
            long addr = memory.allocate(SIZE);
            this.address = addr;
            CLEANER.register(this, () -> memory.free(addr));
        }
    }
}
