package org.osgix.syscall.support;

import java.util.function.Supplier;

/**
 * A value per guest thread (a family's scratch buffers, say), found without a
 * {@link ThreadLocal} lookup when the same thread asks again: a single-threaded guest (the
 * common case) makes every call from one thread. The last thread's
 * slot is remembered in a plain field; a slot is immutable, so a racing reader sees either a
 * whole slot of its own thread or another thread's, which it ignores and replaces from the
 * ThreadLocal.
 */
public final class PerThread<T> {
    private final ThreadLocal<Slot<T>> slots;
    private Slot<T> last;

    public PerThread(Supplier<T> initial) {
        this.slots = ThreadLocal.withInitial(() -> new Slot<>(Thread.currentThread(), initial.get()));
    }

    /** The calling thread's value (created on its first call). */
    public T get() {
        Slot<T> slot = last;
        if (slot == null || slot.owner != Thread.currentThread()) {
            slot = slots.get();
            last = slot;
        }
        return slot.value;
    }

    private record Slot<T>(Thread owner, T value) {
    }
}
