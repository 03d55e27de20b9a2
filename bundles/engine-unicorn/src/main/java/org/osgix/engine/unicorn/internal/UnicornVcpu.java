package org.osgix.engine.unicorn.internal;

import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;
import org.osgix.engine.Vcpu;

/** A guest thread's registers in a {@link UnicornContext}, run on the machine's one Unicorn CPU. */
final class UnicornVcpu implements Vcpu {
    private final UnicornMachine machine;
    private final UnicornContext context;
    private final TrapHandler traps;
    private long faultAddress;

    UnicornVcpu(UnicornMachine machine, UnicornContext context, TrapHandler traps) {
        this.machine = machine;
        this.context = context;
        this.traps = traps;
    }

    UnicornContext context() {
        return context;
    }

    TrapHandler traps() {
        return traps;
    }

    @Override
    public long get(CpuRegister reg) {
        machine.acquire(this); // reentrant: a handler inside the trap already holds the CPU
        try {
            return machine.core().get(reg);
        } finally {
            machine.release();
        }
    }

    @Override
    public void set(CpuRegister reg, long value) {
        machine.acquire(this);
        try {
            machine.core().set(reg, value);
        } finally {
            machine.release();
        }
    }

    @Override
    public void copyFrom(Vcpu other) {
        if (!(other instanceof UnicornVcpu source) || source.machine != machine) {
            throw new IllegalArgumentException("vCPU of another machine: " + other);
        }
        machine.acquire(source);
        try {
            machine.core().save(context);
        } finally {
            machine.release();
        }
    }

    @Override
    public int run() {
        machine.acquire(this);
        try {
            int exit = machine.run(this);
            if (exit == Machine.EXIT_SEGV) {
                faultAddress = machine.core().faultAddress();
            }
            return exit;
        } finally {
            machine.release(); // a deferred syscall runs without the CPU
        }
    }

    @Override
    public long faultAddress() {
        return faultAddress;
    }

    @Override
    public void requestStop() {
        machine.requestStop(this);
    }

    @Override
    public void close() {
        machine.lock();
        try {
            machine.forget(this);
            context.close();
        } finally {
            machine.unlock();
        }
    }
}
