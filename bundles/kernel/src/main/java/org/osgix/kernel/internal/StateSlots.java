package org.osgix.kernel.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The families' typed state of one process or one thread: one instance per key, made on first use. */
final class StateSlots {
    private final Map<Class<?>, Object> states = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> T get(Class<T> key, Supplier<T> init) {
        Object existing = states.get(key); // the hot path: no capturing lambda once created
        return (T) (existing != null ? existing : states.computeIfAbsent(key, k -> init.get()));
    }

    /** Forgets every slot (a thread's state after execve starts afresh). */
    void clear() {
        states.clear();
    }
}
