package org.osgix.engine.nativecpu.internal;

import static org.osgix.engine.nativecpu.internal.NativeLayout.*;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;
import org.osgix.engine.Vcpu;

/**
 * One guest thread's CPU: a block of host memory with its registers, its xsave area and the
 * signal stack of the host thread that runs it. {@link #run()} is a loop around the shim's
 * {@code osgix_enter}, which returns why the guest left (a syscall, a fault, a stop request), as
 * KVM_RUN does; syscalls are served here, outside any signal handler.
 */
final class NativeVcpu implements Vcpu {
    private static final long MAP_PRIVATE_ANON = 0x02 | 0x20, PROT_RW = 3;
    private static final long TRAP_FLAG = 0x100, INITIAL_RFLAGS = 0x202;
    private static final int INITIAL_MXCSR = 0x1f80, MXCSR_VALID = 0xffff;
    private static final int XSTATE_BV = 512, XCOMP_BV = 520, XSAVE_HEADER_END = 576;

    private final NativeMachine machine;
    private final TrapHandler traps;
    private final long block;
    private final ByteBuffer state;
    /** The host thread that attached (set once by the owner). */
    private Thread owner;
    private boolean closed; // guarded by this

    NativeVcpu(NativeMachine machine, TrapHandler traps) {
        this.machine = machine;
        this.traps = traps;
        long addr = NativeShim.osgix_raw_syscall(NativeMachine.SYS_MMAP, 0, BLOCK_SIZE, PROT_RW,
                MAP_PRIVATE_ANON, -1, 0);
        if (addr < 0 && addr > -4096) {
            throw new IllegalStateException("cannot allocate a vCPU: errno " + -addr);
        }
        this.block = addr;
        this.state = new Pointer(addr).getByteBuffer(0, XSAVE + XSAVE_MAX).order(ByteOrder.nativeOrder());
        state.putLong(RFLAGS, INITIAL_RFLAGS);
        state.putInt(XSAVE_MXCSR, INITIAL_MXCSR); // the xsave header says "initial" for the rest
    }

    private static int offset(CpuRegister reg) {
        return switch (reg) {
            case PC -> RIP;
            case SP -> RSP;
            case SYSCALL_RESULT -> RAX;
            case TLS -> FS_BASE;
            case X86_GS_BASE -> GS_BASE;
            case X86_RBX -> RBX;
            case X86_RCX -> RCX;
            case X86_RDX -> RDX;
            case X86_RSI -> RSI;
            case X86_RDI -> RDI;
            case X86_RBP -> RBP;
            case X86_R8 -> R8;
            case X86_R9 -> R9;
            case X86_R10 -> R10;
            case X86_R11 -> R11;
            case X86_R12 -> REGS + 12 * 8;
            case X86_R13 -> REGS + 13 * 8;
            case X86_R14 -> REGS + 14 * 8;
            case X86_R15 -> REGS + 15 * 8;
            case X86_RFLAGS -> RFLAGS;
        };
    }

    @Override
    public long get(CpuRegister reg) {
        return state.getLong(offset(reg));
    }

    @Override
    public void set(CpuRegister reg, long value) {
        state.putLong(offset(reg), value);
    }

    @Override
    public int vectorStateSize() {
        return machine.xsaveSize;
    }

    @Override
    public void readVectorState(byte[] dst) {
        state.get(XSAVE, dst, 0, machine.xsaveSize);
    }

    @Override
    public void writeVectorState(byte[] src) {
        state.put(XSAVE, src, 0, machine.xsaveSize);
        // what xrstor would fault on (#GP inside the shim): reserved MXCSR bits, a compacted or
        // unknown header; a guest's sigreturn frame may hold anything
        state.putInt(XSAVE_MXCSR, state.getInt(XSAVE_MXCSR) & MXCSR_VALID);
        state.putLong(XSAVE + XSTATE_BV, state.getLong(XSAVE + XSTATE_BV) & machine.xcr0);
        for (int off = XSAVE + XCOMP_BV; off < XSAVE + XSAVE_HEADER_END; off += 8) {
            state.putLong(off, 0);
        }
    }

    @Override
    public void copyFrom(Vcpu other) {
        if (!(other instanceof NativeVcpu source)) {
            throw new IllegalArgumentException("vCPU of another engine: " + other);
        }
        byte[] regs = new byte[GS_BASE + 8 - REGS];
        source.state.get(REGS, regs);
        state.put(REGS, regs);
        byte[] vector = new byte[machine.xsaveSize];
        source.state.get(XSAVE, vector);
        state.put(XSAVE, vector);
    }

    @Override
    public int run() {
        attach();
        while (true) {
            long flags = state.getLong(RFLAGS);
            if ((flags & TRAP_FLAG) != 0) {
                state.putLong(RFLAGS, flags & ~TRAP_FLAG); // single-stepping would trap inside the shim
            }
            int exit = NativeShim.osgix_enter(block);
            if (exit != Machine.EXIT_SYSCALL) {
                return exit;
            }
            long number = state.getLong(SYSNO);
            long next = state.getLong(RIP);
            if (state.getLong(TRAP_RIP) != 0) {
                machine.sites().trapped(next, number);
            }
            // what Linux's syscall entry leaves: the return address in RCX, the flags in R11
            state.putLong(RCX, next);
            state.putLong(R11, state.getLong(RFLAGS));
            long result = traps.onSyscall(number, state.getLong(RDI), state.getLong(RSI), state.getLong(RDX),
                    state.getLong(R10), state.getLong(R8), state.getLong(R9));
            if (result == TrapHandler.DEFER) {
                return Machine.EXIT_SYSCALL;
            }
            state.putLong(RAX, result);
        }
    }

    private void attach() {
        if (owner == Thread.currentThread()) {
            return;
        }
        if (owner != null) {
            throw new IllegalStateException("a native vCPU runs on one thread only");
        }
        int r = NativeShim.osgix_attach(block);
        if (r != 0) {
            throw new IllegalStateException("cannot attach the native vCPU to this thread: errno " + -r);
        }
        owner = Thread.currentThread();
    }

    @Override
    public long faultAddress() {
        return state.getLong(FAULT_ADDR);
    }

    @Override
    public int faultCode() {
        return state.getInt(SI_CODE); // the host kernel's si_code for the guest's own fault
    }

    @Override
    public synchronized void requestStop() {
        if (!closed) {
            NativeShim.osgix_kick(block, machine.pid);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        machine.vcpuClosed();
        if (owner == Thread.currentThread()) {
            NativeShim.osgix_detach(block);
        } else if (owner != null) {
            return; // still the signal stack of a live thread: leave the block (never happens in the kernel)
        }
        NativeShim.osgix_raw_syscall(NativeMachine.SYS_MUNMAP, block, BLOCK_SIZE, 0, 0, 0, 0);
    }
}
