package org.osgix.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.osgix.engine.CpuRegister;
import org.osgix.syscall.GuestThread;

/**
 * The base of the test doubles' guest threads: a real per-thread state slot, and every other
 * operation unsupported until a double overrides it (a test that reaches one has a gap).
 */
public abstract class TestThread implements GuestThread {
    private final Map<Class<?>, Object> states = new HashMap<>();
    private volatile byte[] name;

    @Override
    public byte[] name() {
        return name;
    }

    @Override
    public void setName(byte[] next) {
        name = next;
    }

    @Override
    public synchronized <T> T state(Class<T> key, Supplier<T> init) {
        return key.cast(states.computeIfAbsent(key, k -> init.get()));
    }

    @Override
    public long register(CpuRegister reg) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setRegister(CpuRegister reg, long value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int awaitHostFd(int hostFd, int events, long timeoutNanos) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void exit(int status) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException();
    }
}
