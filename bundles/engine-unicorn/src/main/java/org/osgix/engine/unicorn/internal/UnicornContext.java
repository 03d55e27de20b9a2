package org.osgix.engine.unicorn.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code uc_context} (Unicorn's copy of the whole CPU state, FS/GS bases and vector registers
 * included) owned by one machine. Closing is idempotent and may happen on any thread, but not
 * while the machine's driving thread is saving into or loading from this context.
 */
final class UnicornContext implements AutoCloseable {
    private final UnicornCore owner;
    private final AtomicLong pointer;

    UnicornContext(UnicornCore owner, long pointer) {
        this.owner = owner;
        this.pointer = new AtomicLong(pointer);
    }

    /** The native context; throws if closed. */
    long pointer() {
        long p = pointer.get();
        if (p == 0) {
            throw new IllegalStateException("CPU context is closed");
        }
        return p;
    }

    boolean belongsTo(UnicornCore machine) {
        return owner == machine;
    }

    @Override
    public void close() {
        long p = pointer.getAndSet(0);
        if (p != 0) {
            owner.forget(this);
            UnicornLibrary.uc_context_free(p);
        }
    }
}
