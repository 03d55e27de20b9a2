package org.osgix.engine.unicorn.internal;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;

/**
 * One x86_64 Unicorn instance running one guest process: one CPU whose register state is switched
 * between guest threads by {@link UnicornMachine}.
 *
 * <p><b>Syscall hook and the PC.</b> Inside Unicorn's syscall hook RIP still points at the
 * {@code syscall} instruction and Unicorn adds its length (2) once the hook returns. While the
 * trap handler runs, {@link #get}/{@link #set} of the PC and {@link #save}/{@link #load} correct
 * for that, so the handler sees the PC past the instruction, as {@link TrapHandler} promises.
 *
 * <p><b>Stop requests.</b> {@link #requestStop()} calls {@code uc_emu_stop} only while a run is
 * in progress, under {@link #stopLock}; {@link #run()} marks the run as started and finished
 * under the same lock. So a request can only reach the run it was made during: it either ends
 * that run or (in the instant before Unicorn resets its own stop flag at the start of
 * {@code uc_emu_start}) is lost, but it never stops a later run. A request made while no run is
 * in progress is ignored. A lost request is harmless for a time-slice watchdog, which asks again.
 *
 * <p><b>Known limits of Unicorn 2.0.1.</b> After EXIT_SEGV the fault address is exact but the PC
 * is the start of the translation block that faulted (upstream issue #1323), so it is exact only
 * when the faulting instruction starts a block. After EXIT_HALT the PC is past the {@code hlt}.
 * Privileged instructions ({@code cli}, {@code wrmsr}, {@code in}...) execute instead of faulting.
 */
final class UnicornCore implements AutoCloseable {
    static final int EXIT_STOPPED = Machine.EXIT_STOPPED, EXIT_SYSCALL = Machine.EXIT_SYSCALL,
        EXIT_SEGV = Machine.EXIT_SEGV, EXIT_ILLEGAL = Machine.EXIT_ILLEGAL, EXIT_FPE = Machine.EXIT_FPE,
        EXIT_TRAP = Machine.EXIT_TRAP, EXIT_HALT = Machine.EXIT_HALT;

    /** A non-canonical address RIP can never hold, so {@code until} never ends a run. */
    private static final long NEVER_REACHED = -1L;
    private static final int SYSCALL_LENGTH = 2;

    private static final int REASON_NONE = 0, REASON_SYSCALL = 1, REASON_MEMORY = 2,
        REASON_INTERRUPT = 3, REASON_CALLBACK_FAILED = 4;
    /** x86 exception vectors (Unicorn reports them through the interrupt hook). */
    private static final int VECTOR_DIVIDE = 0, VECTOR_DEBUG = 1, VECTOR_BREAKPOINT = 3,
        VECTOR_INVALID_OPCODE = 6, VECTOR_X87 = 16, VECTOR_SIMD = 19;
    /** CR4 bits Linux sets for user space: fxsave/fxrstor include SSE state; #XM enabled. */
    private static final long CR4_OSFXSR = 1 << 9, CR4_OSXMMEXCPT = 1 << 10;

    private final TrapHandler traps;
    private final CpuidTable cpuid;
    private final long uc;
    private final GuestRegions regions;
    private final long pristineContext;
    private final long switchContext;
    private final Set<UnicornContext> contexts = ConcurrentHashMap.newKeySet();

    /** Single values for get/set and out-parameters. */
    private final NativeBuffer scratch = new NativeBuffer(64);
    private final long scratchAddress = scratch.address(0);
    private final RegisterBatch syscallArgs = new RegisterBatch(X86Registers.RAX,
        X86Registers.RDI, X86Registers.RSI, X86Registers.RDX, X86Registers.R10, X86Registers.R8,
        X86Registers.R9, X86Registers.RIP, X86Registers.EFLAGS);
    /**
     * What Linux's syscall entry and exit do to RCX and R11, and the result in RAX: one batch
     * written after the handler (two when the call is deferred: RAX is left to the kernel).
     */
    private final RegisterBatch syscallExit = new RegisterBatch(X86Registers.RCX,
        X86Registers.R11, X86Registers.RAX);
    private final RegisterBatch cpuidQuery = new RegisterBatch(X86Registers.RAX, X86Registers.RCX);
    private final RegisterBatch cpuidAnswer = new RegisterBatch(X86Registers.RAX,
        X86Registers.RBX, X86Registers.RCX, X86Registers.RDX);

    // Strong references: JNA would otherwise free the native trampolines under Unicorn's feet.
    private final UnicornLibrary.InstructionHook syscallHook = this::onSyscallInstruction;
    private final UnicornLibrary.CpuidHook cpuidHook = this::onCpuid;
    private final UnicornLibrary.InterruptHook interruptHook = this::onInterrupt;
    private final UnicornLibrary.InvalidMemoryHook memoryHook = this::onInvalidMemory;

    private final Object stopLock = new Object();
    private boolean running; // guarded by stopLock
    private boolean stopRequested; // guarded by stopLock
    private volatile boolean closed;

    // State of the current run; touched by the driving thread only.
    private boolean inRun;
    private boolean inSyscallHook;
    /** RCX and R11 of the current syscall are set in {@link #syscallExit} but not yet written. */
    private boolean exitRegistersPending;
    private int stopReason;
    private int interruptVector;
    private long faultAddress;
    private Throwable callbackFailure;

    UnicornCore(TrapHandler traps, CpuidTable cpuid) {
        this.traps = traps;
        this.cpuid = cpuid;
        check(UnicornLibrary.uc_open(UnicornLibrary.UC_ARCH_X86, UnicornLibrary.UC_MODE_64,
            scratchAddress), "uc_open");
        this.uc = scratch.getLong(0);
        boolean ready = false;
        try {
            regions = new GuestRegions(uc);
            linuxInitialFpuState();
            pristineContext = allocateContext();
            check(UnicornLibrary.uc_context_save(uc, pristineContext), "uc_context_save");
            switchContext = allocateContext();
            addHook(UnicornLibrary.UC_HOOK_INSN, syscallHook, UnicornLibrary.UC_X86_INS_SYSCALL);
            addHook(UnicornLibrary.UC_HOOK_INSN, cpuidHook, UnicornLibrary.UC_X86_INS_CPUID);
            addHook(UnicornLibrary.UC_HOOK_INTR, interruptHook, 0);
            addHook(UnicornLibrary.UC_HOOK_MEM_INVALID, memoryHook, 0);
            ready = true;
        } finally {
            if (!ready) {
                UnicornLibrary.uc_close(uc);
            }
        }
    }

    int map(long addr, long len, int prot) {
        ensureOpen();
        return regions.map(addr, len, prot);
    }

    int unmap(long addr, long len) {
        ensureOpen();
        return regions.unmap(addr, len);
    }

    void flushCode(long addr, long len) {
        ensureOpen();
        regions.flushCode(addr, len);
    }

    /** The engine's current view of memory (for tests and diagnostics). */
    GuestRegions regions() {
        return regions;
    }

    UnicornContext newContext() {
        ensureOpen();
        flushExitRegisters();
        long fresh = allocateContext();
        // Unicorn has no context copy: pass the pristine state through the CPU and put the
        // current state back.
        check(UnicornLibrary.uc_context_save(uc, switchContext), "uc_context_save");
        check(UnicornLibrary.uc_context_restore(uc, pristineContext), "uc_context_restore");
        check(UnicornLibrary.uc_context_save(uc, fresh), "uc_context_save");
        check(UnicornLibrary.uc_context_restore(uc, switchContext), "uc_context_restore");
        UnicornContext context = new UnicornContext(this, fresh);
        contexts.add(context);
        return context;
    }

    void save(UnicornContext ctx) {
        ensureOpen();
        flushExitRegisters();
        long pointer = own(ctx).pointer();
        check(UnicornLibrary.uc_context_save(uc, pointer), "uc_context_save");
        if (inSyscallHook) {
            check(UnicornLibrary.uc_context_reg_read(pointer, X86Registers.RIP, scratchAddress),
                "uc_context_reg_read");
            scratch.putLong(0, scratch.getLong(0) + SYSCALL_LENGTH);
            check(UnicornLibrary.uc_context_reg_write(pointer, X86Registers.RIP, scratchAddress),
                "uc_context_reg_write");
        }
    }

    void load(UnicornContext ctx) {
        ensureOpen();
        flushExitRegisters();
        check(UnicornLibrary.uc_context_restore(uc, own(ctx).pointer()), "uc_context_restore");
        if (inSyscallHook) {
            writeRegister(X86Registers.RIP, readRegister(X86Registers.RIP) - SYSCALL_LENGTH);
        }
    }

    long get(CpuRegister reg) {
        ensureOpen();
        flushExitRegisters();
        long value = readRegister(X86Registers.idOf(reg));
        return reg == CpuRegister.PC && inSyscallHook ? value + SYSCALL_LENGTH : value;
    }

    void set(CpuRegister reg, long value) {
        ensureOpen();
        flushExitRegisters();
        writeRegister(X86Registers.idOf(reg),
            reg == CpuRegister.PC && inSyscallHook ? value - SYSCALL_LENGTH : value);
    }

    int run() {
        ensureOpen();
        if (inRun) {
            throw new IllegalStateException("run() called from inside a trap handler");
        }
        stopReason = REASON_NONE;
        interruptVector = -1;
        faultAddress = 0;
        callbackFailure = null;
        long pc = readRegister(X86Registers.RIP);
        boolean stopped;
        int err;
        synchronized (stopLock) {
            stopRequested = false;
            running = true;
        }
        inRun = true;
        try {
            err = UnicornLibrary.uc_emu_start(uc, pc, NEVER_REACHED, 0, 0);
        } finally {
            inRun = false;
            synchronized (stopLock) {
                running = false;
                stopped = stopRequested;
            }
        }
        if (callbackFailure != null) {
            Throwable failure = callbackFailure;
            callbackFailure = null;
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a CPU hook failed: " + failure, failure);
        }
        return exitCode(err, stopped);
    }

    /** The Linux si_code of the last exit's CPU exception, when the vector tells it (else 0). */
    int faultCode() {
        return switch (interruptVector) {
            case VECTOR_DIVIDE -> 1; // FPE_INTDIV
            case VECTOR_INVALID_OPCODE -> 2; // ILL_ILLOPN
            case VECTOR_BREAKPOINT -> 0x80; // SI_KERNEL, as Linux reports int3
            default -> 0;
        };
    }

    long faultAddress() {
        return faultAddress;
    }

    void requestStop() {
        synchronized (stopLock) {
            if (running) {
                stopRequested = true;
                UnicornLibrary.uc_emu_stop(uc);
            }
        }
    }

    @Override
    public void close() {
        synchronized (stopLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (UnicornContext context : new ArrayList<>(contexts)) {
            context.close();
        }
        UnicornLibrary.uc_context_free(pristineContext);
        UnicornLibrary.uc_context_free(switchContext);
        UnicornLibrary.uc_close(uc);
    }

    void forget(UnicornContext context) {
        contexts.remove(context);
    }

    private int exitCode(int err, boolean stopped) {
        switch (stopReason) {
            case REASON_SYSCALL:
                return EXIT_SYSCALL;
            case REASON_MEMORY:
                return EXIT_SEGV;
            case REASON_INTERRUPT:
                return exitForVector(interruptVector);
            default:
                break;
        }
        switch (err) {
            case UnicornLibrary.UC_ERR_OK:
                // Only a stop request or hlt ends a run without an error.
                return stopped ? EXIT_STOPPED : EXIT_HALT;
            case UnicornLibrary.UC_ERR_INSN_INVALID:
                interruptVector = VECTOR_INVALID_OPCODE; // for faultCode: ILL_ILLOPN, as ud2 gives
                return EXIT_ILLEGAL;
            case UnicornLibrary.UC_ERR_READ_UNMAPPED:
            case UnicornLibrary.UC_ERR_WRITE_UNMAPPED:
            case UnicornLibrary.UC_ERR_FETCH_UNMAPPED:
            case UnicornLibrary.UC_ERR_READ_PROT:
            case UnicornLibrary.UC_ERR_WRITE_PROT:
            case UnicornLibrary.UC_ERR_FETCH_PROT:
                faultAddress = readRegister(X86Registers.RIP);
                return EXIT_SEGV;
            case UnicornLibrary.UC_ERR_EXCEPTION:
                return EXIT_TRAP;
            default:
                throw new IllegalStateException("uc_emu_start: " + UnicornLibrary.describe(err));
        }
    }

    private int exitForVector(int vector) {
        switch (vector) {
            case VECTOR_DIVIDE:
            case VECTOR_X87:
            case VECTOR_SIMD:
                return EXIT_FPE;
            case VECTOR_DEBUG:
            case VECTOR_BREAKPOINT:
                return EXIT_TRAP;
            case VECTOR_INVALID_OPCODE:
                return EXIT_ILLEGAL;
            default:
                // int n (including int 0x80, the 32-bit syscall gate) and other faults: Linux
                // raises a general protection fault, i.e. SIGSEGV.
                faultAddress = readRegister(X86Registers.RIP);
                return EXIT_SEGV;
        }
    }

    // ---- hooks: called by Unicorn on the driving thread, inside uc_emu_start ----

    private void onSyscallInstruction(long ucHandle, long userData) {
        try {
            syscallArgs.read(uc);
            // Linux's syscall entry leaves the return address in RCX and RFLAGS in R11.
            syscallExit.set(0, syscallArgs.get(7) + SYSCALL_LENGTH);
            syscallExit.set(1, syscallArgs.get(8));
            exitRegistersPending = true;
            long result;
            inSyscallHook = true;
            try {
                result = traps.onSyscall(syscallArgs.get(0), syscallArgs.get(1),
                    syscallArgs.get(2), syscallArgs.get(3), syscallArgs.get(4),
                    syscallArgs.get(5), syscallArgs.get(6));
            } finally {
                inSyscallHook = false;
            }
            if (result == TrapHandler.DEFER) {
                flushExitRegisters();
                stopReason = REASON_SYSCALL;
                UnicornLibrary.uc_emu_stop(uc);
            } else if (exitRegistersPending) {
                // the usual case: RCX, R11 and the result in one call
                syscallExit.set(2, result);
                syscallExit.write(uc, 3);
                exitRegistersPending = false;
            } else {
                writeRegister(X86Registers.RAX, result);
            }
        } catch (Throwable t) {
            exitRegistersPending = false; // the run ends with the failure
            callbackFailed(t);
        }
    }

    private int onCpuid(long ucHandle, long userData) {
        try {
            cpuidQuery.read(uc);
            cpuid.answer((int) cpuidQuery.get(0), (int) cpuidQuery.get(1), cpuidAnswer);
            cpuidAnswer.write(uc, 4);
        } catch (Throwable t) {
            callbackFailed(t);
        }
        return 1; // skip the real instruction
    }

    private void onInterrupt(long ucHandle, int vector, long userData) {
        try {
            stopReason = REASON_INTERRUPT;
            interruptVector = vector;
            UnicornLibrary.uc_emu_stop(uc);
        } catch (Throwable t) {
            callbackFailed(t);
        }
    }

    private int onInvalidMemory(long ucHandle, int type, long address, int size, long value,
            long userData) {
        stopReason = REASON_MEMORY;
        faultAddress = address;
        return 0; // stop: the kernel turns the fault into SIGSEGV
    }

    private void callbackFailed(Throwable t) {
        if (callbackFailure == null) {
            callbackFailure = t;
        }
        stopReason = REASON_CALLBACK_FAILED;
        UnicornLibrary.uc_emu_stop(uc);
    }

    // ---- helpers ----

    /**
     * The FPU and SSE control state Linux gives a new process (what {@code fninit} and the
     * default MXCSR make): Unicorn starts with both control words zero, i.e. every floating-point
     * exception unmasked, and all x87 registers tagged as holding zeros instead of empty, which
     * made musl's long-double printf print wrong digits.
     *
     * <p>CR4 gets OSFXSR and OSXMMEXCPT, as Linux sets them on every x86_64 CPU. Unicorn starts
     * with CR4 zero, and its {@code fxsave}/{@code fxrstor} then skip MXCSR and XMM0-15 (the
     * legacy layout without SSE state). glibc's lazy-binding trampoline
     * ({@code _dl_runtime_resolve_fxsave}, chosen because the CPUID answer has no XSAVE) saves
     * the caller's XMM arguments that way around {@code _dl_fixup}, so the first call of every
     * float-taking library function got a clobbered argument: {@code log(10.0)} returned 0 and
     * CPython, caching that log, refused {@code int("1")}. OSXMMEXCPT makes an unmasked SSE
     * exception raise #XM (SIGFPE) rather than #UD, as on Linux.
     */
    private void linuxInitialFpuState() {
        writeRegister(X86Registers.CR4, CR4_OSFXSR | CR4_OSXMMEXCPT);
        writeRegister(X86Registers.FPCW, 0x37f); // extended precision, round to nearest, all masked
        writeRegister(X86Registers.FPTAG, 0xffff); // every x87 register empty
        writeRegister(X86Registers.MXCSR, 0x1f80); // round to nearest, all SSE exceptions masked
    }

    /**
     * Writes RCX and R11 as Linux's syscall entry leaves them before anything else reads or
     * writes the CPU state from inside the hook (a handler that copies or replaces registers
     * must see them, and must not have its own values overwritten afterwards).
     */
    private void flushExitRegisters() {
        if (exitRegistersPending) {
            exitRegistersPending = false;
            syscallExit.write(uc, 2);
        }
    }

    /** A register by Unicorn id, without the PC correction of {@link #get} (vector state). */
    long readRaw(int id) {
        ensureOpen();
        flushExitRegisters();
        return readRegister(id);
    }

    void writeRaw(int id, long value) {
        ensureOpen();
        flushExitRegisters();
        writeRegister(id, value);
    }

    /** A 128-bit register (XMM) by Unicorn id, as two little-endian quadwords into {@code dst}. */
    void readRaw128(int id, java.nio.ByteBuffer dst, int offset) {
        ensureOpen();
        flushExitRegisters();
        check(UnicornLibrary.uc_reg_read(uc, id, scratchAddress), "uc_reg_read");
        dst.putLong(offset, scratch.getLong(0));
        dst.putLong(offset + 8, scratch.getLong(8));
    }

    void writeRaw128(int id, java.nio.ByteBuffer src, int offset) {
        ensureOpen();
        flushExitRegisters();
        scratch.putLong(0, src.getLong(offset));
        scratch.putLong(8, src.getLong(offset + 8));
        check(UnicornLibrary.uc_reg_write(uc, id, scratchAddress), "uc_reg_write");
    }

    private long readRegister(int id) {
        check(UnicornLibrary.uc_reg_read(uc, id, scratchAddress), "uc_reg_read");
        return scratch.getLong(0);
    }

    private void writeRegister(int id, long value) {
        scratch.putLong(0, value);
        check(UnicornLibrary.uc_reg_write(uc, id, scratchAddress), "uc_reg_write");
    }

    private long allocateContext() {
        check(UnicornLibrary.uc_context_alloc(uc, scratchAddress), "uc_context_alloc");
        return scratch.getLong(0);
    }

    private void addHook(int type, com.sun.jna.Callback callback, int instruction) {
        // begin > end: the hook applies to every address
        check(UnicornLibrary.uc_hook_add(uc, scratchAddress, type, callback, 0, 1, 0, instruction),
            "uc_hook_add");
    }

    private UnicornContext own(UnicornContext ctx) {
        if (ctx == null || !ctx.belongsTo(this)) {
            throw new IllegalArgumentException("context of another machine: " + ctx);
        }
        return ctx;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("machine is closed");
        }
    }

    private static void check(int err, String what) {
        if (err != UnicornLibrary.UC_ERR_OK) {
            throw new IllegalStateException(what + ": " + UnicornLibrary.describe(err));
        }
    }
}
