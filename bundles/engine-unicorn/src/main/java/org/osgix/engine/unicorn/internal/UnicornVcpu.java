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
    private int faultCode;

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
        return machine.visit(this, core -> core.get(reg));
    }

    @Override
    public void set(CpuRegister reg, long value) {
        machine.visit(this, core -> {
            core.set(reg, value);
            return null;
        });
    }

    /** The FXSAVE region and an XSAVE header: what Unicorn's CPU model has (x87 and SSE). */
    static final int VECTOR_STATE_SIZE = 512 + 64;
    private static final int FXSAVE_FCW = 0, FXSAVE_FTW = 4, FXSAVE_MXCSR = 24, FXSAVE_XMM = 160, XMM_COUNT = 16,
            XSTATE_BV = 512;

    @Override
    public int vectorStateSize() {
        return VECTOR_STATE_SIZE;
    }

    @Override
    public void readVectorState(byte[] dst) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(dst).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.util.Arrays.fill(dst, 0, VECTOR_STATE_SIZE, (byte) 0);
        machine.visit(this, core -> {
            b.putShort(FXSAVE_FCW, (short) core.readRaw(X86Registers.FPCW));
            b.put(FXSAVE_FTW, (byte) abridgedTags(core.readRaw(X86Registers.FPTAG)));
            b.putInt(FXSAVE_MXCSR, (int) core.readRaw(X86Registers.MXCSR));
            for (int i = 0; i < XMM_COUNT; i++) {
                core.readRaw128(X86Registers.XMM0 + i, b, FXSAVE_XMM + 16 * i);
            }
            return null;
        });
        b.putLong(XSTATE_BV, 3); // x87 and SSE
    }

    @Override
    public void writeVectorState(byte[] src) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(src).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        machine.visit(this, core -> {
            core.writeRaw(X86Registers.FPCW, b.getShort(FXSAVE_FCW) & 0xffff);
            core.writeRaw(X86Registers.MXCSR, b.getInt(FXSAVE_MXCSR) & 0xffff);
            for (int i = 0; i < XMM_COUNT; i++) {
                core.writeRaw128(X86Registers.XMM0 + i, b, FXSAVE_XMM + 16 * i);
            }
            return null;
        });
    }

    /** FXSAVE keeps one bit per x87 register (1: valid) where the full tag word has two (11: empty). */
    private static int abridgedTags(long fullTags) {
        int abridged = 0;
        for (int i = 0; i < 8; i++) {
            if (((fullTags >> (2 * i)) & 3) != 3) {
                abridged |= 1 << i;
            }
        }
        return abridged;
    }

    @Override
    public void copyFrom(Vcpu other) {
        if (!(other instanceof UnicornVcpu source) || source.machine != machine) {
            throw new IllegalArgumentException("vCPU of another machine: " + other);
        }
        machine.visit(source, core -> {
            core.save(context);
            return null;
        });
    }

    @Override
    public int run() {
        machine.acquire(this);
        try {
            int exit = machine.run(this);
            if (exit == Machine.EXIT_SEGV) {
                faultAddress = machine.core().faultAddress();
            }
            faultCode = machine.core().faultCode();
            return exit;
        } finally {
            machine.release(); // a deferred syscall runs without the CPU
        }
    }

    @Override
    public int faultCode() {
        return faultCode;
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
