package org.osgix.engine.unicorn.internal;

import java.util.concurrent.locks.ReentrantLock;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;
import org.osgix.engine.Vcpu;

/**
 * A guest process on one Unicorn instance. Guest instructions run one thread at a time (Unicorn's
 * atomics are not atomic across instances), so a vCPU takes the CPU to run, which loads its
 * registers into Unicorn; memory-view changes take it too, without switching. The lock is fair:
 * releasing and re-taking it hands the CPU to a waiting thread.
 *
 * <p>Threads switch only at syscalls (the kernel leaves the CPU at every syscall that may wait or
 * while another thread waits for it), never by a timer: Unicorn 2.0.1 cannot be stopped from
 * another thread at an exact instruction boundary. It checks for exit requests after every guest
 * store as well as between translated blocks, and after a mid-block exit it resumes from the
 * block's start, so the instructions before the store run twice (a loop of {@code inc; store; inc}
 * re-ran the first increment on 1425 of 1563 asynchronous stops; a multi-threaded {@code sort}
 * corrupted its heap and died with SIGSEGV). A thread that spins without syscalls waiting for
 * another thread therefore keeps the CPU; see docs/architecture.md.
 */
final class UnicornMachine implements Machine {
    private final ReentrantLock cpu = new ReentrantLock(true);
    private final UnicornCore core;
    /** The vCPU whose registers are in Unicorn (guarded by cpu). */
    private UnicornVcpu loaded;
    /** The vCPU inside {@code run}, for stop requests. */
    private volatile UnicornVcpu running;

    UnicornMachine(CpuidTable cpuid) {
        this.core = new UnicornCore(this::onSyscall, cpuid);
    }

    UnicornCore core() {
        return core;
    }

    private long onSyscall(long number, long a0, long a1, long a2, long a3, long a4, long a5) {
        return loaded.traps().onSyscall(number, a0, a1, a2, a3, a4, a5); // the running vCPU is the loaded one
    }

    /** Takes the CPU for {@code vcpu} and makes its registers Unicorn's. */
    void acquire(UnicornVcpu vcpu) {
        cpu.lock();
        if (loaded != vcpu) {
            if (loaded != null) {
                core.save(loaded.context());
            }
            core.load(vcpu.context());
            loaded = vcpu;
        }
    }

    void release() {
        cpu.unlock();
    }

    /**
     * Runs {@code op} with {@code vcpu}'s registers in Unicorn and puts back whichever vCPU was
     * loaded before: a handler inside the trap may set up another thread's registers (clone)
     * and the trapped thread must resume with its own.
     */
    <T> T visit(UnicornVcpu vcpu, java.util.function.Function<UnicornCore, T> op) {
        cpu.lock();
        UnicornVcpu previous = loaded;
        try {
            if (previous != vcpu) {
                if (previous != null) {
                    core.save(previous.context());
                }
                core.load(vcpu.context());
                loaded = vcpu;
            }
            return op.apply(core);
        } finally {
            if (previous != vcpu && previous != null) {
                core.save(vcpu.context());
                core.load(previous.context());
                loaded = previous;
            }
            cpu.unlock();
        }
    }

    /** Runs {@code vcpu}, which holds the CPU. */
    int run(UnicornVcpu vcpu) {
        running = vcpu;
        try {
            return core.run();
        } finally {
            running = null;
        }
    }

    void requestStop(UnicornVcpu vcpu) {
        if (running == vcpu) {
            core.requestStop();
        }
    }

    /** Forgets a closing vCPU (under the CPU). */
    void forget(UnicornVcpu vcpu) {
        if (loaded == vcpu) {
            loaded = null;
        }
    }

    @Override
    public int map(long addr, long len, int prot, int flags) {
        cpu.lock();
        try {
            return core.map(addr, len, prot);
        } finally {
            cpu.unlock();
        }
    }

    @Override
    public int unmap(long addr, long len) {
        cpu.lock();
        try {
            return core.unmap(addr, len);
        } finally {
            cpu.unlock();
        }
    }

    @Override
    public void flushCode(long addr, long len) {
        cpu.lock();
        try {
            core.flushCode(addr, len);
        } finally {
            cpu.unlock();
        }
    }

    @Override
    public boolean hostProtections() {
        return false; // Unicorn checks every guest access against its own view
    }

    @Override
    public boolean sharedCpu() {
        return true;
    }

    @Override
    public boolean cpuContended() {
        return cpu.hasQueuedThreads();
    }

    @Override
    public void lock() {
        cpu.lock();
    }

    @Override
    public void unlock() {
        cpu.unlock();
    }

    @Override
    public Vcpu newVcpu(TrapHandler traps) {
        cpu.lock();
        try {
            return new UnicornVcpu(this, core.newContext(), traps);
        } finally {
            cpu.unlock();
        }
    }

    @Override
    public void close() {
        cpu.lock();
        try {
            loaded = null;
            core.close();
        } finally {
            cpu.unlock();
        }
    }
}
