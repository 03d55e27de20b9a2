package org.osgix.engine.unicorn.internal;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;
import org.osgix.engine.Vcpu;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.host.posix.internal.PosixHost;

/**
 * Where a trapped syscall's time goes in the engine. A guest loop of {@value #SYSCALLS}
 * {@code syscall} instructions runs (a) in the real {@code UnicornMachine} with a trap handler
 * that does nothing, (b) with {@code nop}s instead of {@code syscall} (the loop alone), and
 * (c) on a bare Unicorn instance whose JNA hook does nothing, reads the nine argument registers,
 * or reads them and writes three registers in one batch; plus single JNA register calls made
 * outside any hook; finally a trap handler that makes one host {@code fstat}, against the same
 * {@code fstat} from a plain Java loop. The classes are package-private, hence the engine's package
 * name. Results are per syscall (per loop iteration).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineTrapBenchmark {
    static final int SYSCALLS = 10_000;
    private static final int PAGE = 4096, PROT_RX = 5, PROT_RWX = 7, MAP_PRIVATE_ANONYMOUS = 0x22;
    private static final int SYSCALL_LOOP = 0, NOP_LOOP = 64;

    private static final int HOOK_EMPTY = 0, HOOK_READ = 1, HOOK_READ_WRITE = 2;

    private Host host;
    private long code;
    private Machine machine;
    private Vcpu vcpu;
    private long trapped;
    private boolean fstatInTrap;
    private int statFd;
    private long statBuffer;

    private final NativeBuffer scratch = new NativeBuffer(64);
    private long bareUc;
    private int hookMode;
    private final RegisterBatch arguments = new RegisterBatch(X86Registers.RAX, X86Registers.RDI,
        X86Registers.RSI, X86Registers.RDX, X86Registers.R10, X86Registers.R8, X86Registers.R9,
        X86Registers.RIP, X86Registers.EFLAGS);
    private final RegisterBatch results = new RegisterBatch(X86Registers.RAX, X86Registers.RCX,
        X86Registers.R11);
    /** Strong reference: JNA frees the trampoline of a collected callback. */
    private final UnicornLibrary.InstructionHook bareHook = this::onBareSyscall;

    @Setup(Level.Trial)
    public void start() {
        host = new PosixHost();
        code = host.mmap(0, PAGE, PROT_RWX, MAP_PRIVATE_ANONYMOUS, -1, 0);
        if (code < 0) {
            throw new IllegalStateException("mmap: " + code);
        }
        writeLoop(code + SYSCALL_LOOP, new byte[] {0x0f, 0x05});       // syscall
        writeLoop(code + NOP_LOOP, new byte[] {(byte) 0x90, (byte) 0x90}); // nop; nop
        statFd = host.openat(-100 /* AT_FDCWD */, System.getProperty("java.home") + "/release", 0, 0);
        statBuffer = host.memory().allocate(256);
        if (statFd < 0) {
            throw new IllegalStateException("open: " + statFd);
        }
        machine = new UnicornEngine().createMachine();
        check(machine.map(code, PAGE, PROT_RX, 0), "map");
        vcpu = machine.newVcpu(trapHandler());

        check(UnicornLibrary.uc_open(UnicornLibrary.UC_ARCH_X86, UnicornLibrary.UC_MODE_64, scratch.address(0)),
            "uc_open");
        bareUc = scratch.getLong(0);
        check(UnicornLibrary.uc_mem_map_ptr(bareUc, code, PAGE, PROT_RX, code), "uc_mem_map_ptr");
        check(UnicornLibrary.uc_hook_add(bareUc, scratch.address(8), UnicornLibrary.UC_HOOK_INSN, bareHook, 0, 1,
            0, UnicornLibrary.UC_X86_INS_SYSCALL), "uc_hook_add");
    }

    private TrapHandler trapHandler() {
        return (number, a0, a1, a2, a3, a4, a5) -> {
            trapped++;
            return fstatInTrap ? host.fstat(statFd, statBuffer) : 0;
        };
    }

    /** mov r12, SYSCALLS; 1: mov eax, 110; INSN(2 bytes); dec r12; jnz 1b; hlt */
    private void writeLoop(long at, byte[] instruction) {
        byte[] loop = {
            0x49, (byte) 0xc7, (byte) 0xc4, (byte) SYSCALLS, (byte) (SYSCALLS >> 8), 0, 0,
            (byte) 0xb8, 110, 0, 0, 0,
            instruction[0], instruction[1],
            0x49, (byte) 0xff, (byte) 0xcc,
            0x75, (byte) 0xf4,
            (byte) 0xf4 };
        NativeMemory mem = host.memory();
        mem.put(at, loop, 0, loop.length);
    }

    private void onBareSyscall(long uc, long userData) {
        if (hookMode == HOOK_EMPTY) {
            return;
        }
        arguments.read(uc);
        if (hookMode == HOOK_READ_WRITE) {
            results.set(0, 0);
            results.set(1, arguments.get(7) + 2);
            results.set(2, arguments.get(8));
            results.write(uc, 3);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        vcpu.close();
        machine.close();
        UnicornLibrary.uc_close(bareUc);
        host.close(statFd);
        host.munmap(code, PAGE);
    }

    private static void check(int err, String what) {
        if (err != 0) {
            throw new IllegalStateException(what + " failed: " + err);
        }
    }

    private int runMachine(int offset) {
        fstatInTrap = false;
        vcpu.set(CpuRegister.PC, code + offset);
        int exit = vcpu.run();
        if (exit != Machine.EXIT_HALT) {
            throw new IllegalStateException("unexpected engine exit " + exit);
        }
        return exit;
    }

    private int runBare(int mode) {
        hookMode = mode;
        check(UnicornLibrary.uc_emu_start(bareUc, code + SYSCALL_LOOP, -1L, 0, 0), "uc_emu_start");
        return mode;
    }

    /** The real engine's trap: hook, register reads and writes, a trap handler returning 0. */
    @Benchmark
    @OperationsPerInvocation(SYSCALLS)
    public int machineSyscall() {
        return runMachine(SYSCALL_LOOP);
    }

    /** The same loop without the syscall: what the guest instructions themselves cost. */
    @Benchmark
    @OperationsPerInvocation(SYSCALLS)
    public int machineNopLoop() {
        return runMachine(NOP_LOOP);
    }

    /** The real engine's trap whose handler makes one host fstat (what a fstat syscall costs at least). */
    @Benchmark
    @OperationsPerInvocation(SYSCALLS)
    public int machineSyscallHostFstat() {
        vcpu.set(CpuRegister.PC, code + SYSCALL_LOOP);
        fstatInTrap = true;
        int exit = vcpu.run();
        fstatInTrap = false;
        if (exit != Machine.EXIT_HALT) {
            throw new IllegalStateException("unexpected engine exit " + exit);
        }
        return exit;
    }

    /** The same host fstat from a plain Java loop, for comparison. */
    @Benchmark
    public int hostFstat() {
        return host.fstat(statFd, statBuffer);
    }

    /** A bare Unicorn whose JNA syscall hook returns at once: the callback's floor. */
    @Benchmark
    @OperationsPerInvocation(SYSCALLS)
    public int bareHookEmpty() {
        return runBare(HOOK_EMPTY);
    }

    /** The hook reads the nine registers a syscall needs (one batch call). */
    @Benchmark
    @OperationsPerInvocation(SYSCALLS)
    public int bareHookRead() {
        return runBare(HOOK_READ);
    }

    /** The hook reads nine registers and writes RAX, RCX, R11 in one batch (two JNA calls in all). */
    @Benchmark
    @OperationsPerInvocation(SYSCALLS)
    public int bareHookReadWrite() {
        return runBare(HOOK_READ_WRITE);
    }

    /** One direct-mapped JNA call outside any hook: read nine registers. */
    @Benchmark
    public long jnaReadBatch() {
        arguments.read(bareUc);
        return arguments.get(0);
    }

    /** One direct-mapped JNA call outside any hook: write one register. */
    @Benchmark
    public int jnaWriteOne() {
        scratch.putLong(16, 1);
        return UnicornLibrary.uc_reg_write(bareUc, X86Registers.RAX, scratch.address(16));
    }
}
