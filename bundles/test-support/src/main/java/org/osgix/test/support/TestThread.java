package org.osgix.test.support;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.osgix.engine.CpuRegister;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallHandler;

/**
 * The base of the test doubles' guest threads: a real per-thread state slot, registers (0 until
 * set) and restart block, and every other operation unsupported until a double overrides it (a
 * test that reaches one has a gap).
 */
public abstract class TestThread implements GuestThread {
    private final Map<Class<?>, Object> states = new HashMap<>();
    private final Map<CpuRegister, Long> registers = new EnumMap<>(CpuRegister.class);
    private volatile SyscallHandler restartBlock;
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
    public synchronized long register(CpuRegister reg) {
        return registers.getOrDefault(reg, 0L);
    }

    @Override
    public synchronized void setRegister(CpuRegister reg, long value) {
        registers.put(reg, value);
    }

    @Override
    public SyscallHandler restartBlock() {
        return restartBlock;
    }

    @Override
    public void setRestartBlock(SyscallHandler resume) {
        restartBlock = resume;
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
