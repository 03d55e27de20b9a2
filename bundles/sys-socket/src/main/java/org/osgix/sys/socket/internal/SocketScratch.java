package org.osgix.sys.socket.internal;

import java.lang.ref.Cleaner;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.support.PerThread;

/**
 * Per-thread host memory for one socket call: a host msghdr, an address, a length word, a small
 * option value, the host iovec table (UIO_MAXIOV entries) and room for outgoing control data
 * (which also holds a struct stat when a received or new socket is installed: no outgoing control
 * data is alive then).
 * Allocated on a thread's first socket call and freed when the thread is gone.
 */
final class SocketScratch {
    static final int MSGHDR = 0;
    static final int NAME = 64;
    static final int LENGTH = NAME + SocketAbi.SOCKADDR_MAX;
    static final int VALUE = LENGTH + 8;
    static final int VALUE_SIZE = 64;
    static final int IOVECS = VALUE + VALUE_SIZE;
    static final int CONTROL = IOVECS + SocketAbi.UIO_MAXIOV * SocketAbi.IOVEC_SIZE;
    /** Outgoing control data above this fails with ENOBUFS, as above Linux's optmem_max. */
    static final int CONTROL_SIZE = 64 * 1024;
    static final int SIZE = CONTROL + CONTROL_SIZE;
    private static final Cleaner CLEANER = Cleaner.create();

    private final NativeMemory memory;
    private final PerThread<Block> blocks;

    SocketScratch(NativeMemory memory) {
        this.memory = memory;
        this.blocks = new PerThread<>(() -> new Block(memory));
    }

    NativeMemory memory() {
        return memory;
    }

    /** The calling thread's block address. */
    long base() {
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
