package org.osgix.engine.unicorn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.osgix.engine.unicorn.internal.X86Code.RAX;
import static org.osgix.engine.unicorn.internal.X86Code.RDI;
import static org.osgix.engine.unicorn.internal.X86Code.RDX;
import static org.osgix.engine.unicorn.internal.X86Code.RSI;
import static org.osgix.engine.unicorn.internal.X86Code.RSP;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;

class ContextTest {
    @Test
    void newContextHasZeroRegistersAndLeavesTheLoadedStateAlone() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            g.machine.set(CpuRegister.SP, 0x7000);
            g.machine.set(CpuRegister.TLS, 0x8000);
            g.machine.set(CpuRegister.PC, 0x9000);

            try (UnicornContext fresh = g.machine.newContext()) {
                assertEquals(0x7000, g.machine.get(CpuRegister.SP));
                assertEquals(0x8000, g.machine.get(CpuRegister.TLS));
                g.machine.load(fresh);
                for (CpuRegister reg : CpuRegister.values()) {
                    // RFLAGS bit 1 is reserved and always reads as 1
                    assertEquals(reg == CpuRegister.X86_RFLAGS ? 2 : 0, g.machine.get(reg), reg.name());
                }
            }
        }
    }

    @Test
    void saveAndLoadKeepEveryPortableRegisterIncludingFsAndGsBases() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps());
                UnicornContext a = g.machine.newContext();
                UnicornContext b = g.machine.newContext()) {
            g.machine.load(a);
            long value = 0x1000;
            for (CpuRegister reg : CpuRegister.values()) {
                g.machine.set(reg, value++);
            }
            g.machine.save(a);
            g.machine.load(b);
            assertEquals(0, g.machine.get(CpuRegister.TLS));
            g.machine.load(a);
            value = 0x1000;
            for (CpuRegister reg : CpuRegister.values()) {
                assertEquals(value++, g.machine.get(reg), reg.name());
            }
        }
    }

    @Test
    void twoContextsDrivenAlternatelyFromTwoThreadsKeepTheirOwnRegisters() throws Exception {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps)) {
            long data = g.dataPage(1);
            long tlsA = data, tlsB = data + 0x100, gsA = data + 0x200, gsB = data + 0x300;
            g.memory.writeLong(GuestFixture.PAGE, 0xAAAA);
            g.memory.writeLong(GuestFixture.PAGE + 0x100, 0xBBBB);
            g.memory.writeLong(GuestFixture.PAGE + 0x200, 0xA5A5);
            g.memory.writeLong(GuestFixture.PAGE + 0x300, 0xB5B5);
            X86Code code = new X86Code();
            int loop = code.here();
            code.loadFs0(RDI).loadGs0(RSI).mov(RDX, RSP).movImm(RAX, 1000).syscall().jmp(loop);
            long start = g.load(code);

            UnicornContext a = g.machine.newContext();
            UnicornContext b = g.machine.newContext();
            setUp(g.machine, a, start, 0xA000, tlsA, gsA);
            setUp(g.machine, b, start, 0xB000, tlsB, gsB);

            Semaphore turnA = new Semaphore(1);
            Semaphore turnB = new Semaphore(0);
            List<String> failures = new ArrayList<>();
            Thread threadA = driver(g, traps, a, turnA, turnB, new long[] {0xAAAA, 0xA5A5, 0xA000},
                failures);
            Thread threadB = driver(g, traps, b, turnB, turnA, new long[] {0xBBBB, 0xB5B5, 0xB000},
                failures);
            threadA.start();
            threadB.start();
            threadA.join(30_000);
            threadB.join(30_000);

            synchronized (failures) {
                assertEquals(List.of(), failures);
            }
            assertEquals(2 * 50, traps.calls.size());
            a.close();
            b.close();
        }
    }

    private static void setUp(UnicornCore m, UnicornContext ctx, long pc, long sp, long tls, long gs) {
        m.load(ctx);
        m.set(CpuRegister.PC, pc);
        m.set(CpuRegister.SP, sp);
        m.set(CpuRegister.TLS, tls);
        m.set(CpuRegister.X86_GS_BASE, gs);
        m.save(ctx);
    }

    private static Thread driver(GuestFixture g, RecordingTraps traps, UnicornContext ctx,
            Semaphore mine, Semaphore other, long[] expected, List<String> failures) {
        return new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                try {
                    mine.acquire();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    g.machine.load(ctx);
                    int exit = g.machine.run();
                    long[] args = traps.last().args();
                    if (exit != Machine.EXIT_SYSCALL || args[0] != expected[0]
                            || args[1] != expected[1] || args[2] != expected[2]) {
                        synchronized (failures) {
                            failures.add(Thread.currentThread().getName() + " round " + i
                                + ": exit " + exit + " fs:0 " + Long.toHexString(args[0])
                                + " gs:0 " + Long.toHexString(args[1]) + " sp "
                                + Long.toHexString(args[2]));
                        }
                    }
                    g.machine.save(ctx);
                } finally {
                    other.release();
                }
            }
        });
    }

    @Test
    void contextSavedInsideTheHandlerResumesPastTheSyscall() {
        AtomicReference<UnicornCore> machine = new AtomicReference<>();
        AtomicReference<UnicornContext> saved = new AtomicReference<>();
        RecordingTraps traps = new RecordingTraps(n -> {
            if (n == 56) {
                UnicornContext child = machine.get().newContext();
                machine.get().save(child);
                saved.set(child);
                return 1234;
            }
            return TrapHandler.DEFER;
        });
        try (GuestFixture g = new GuestFixture(traps)) {
            machine.set(g.machine);
            X86Code code = new X86Code().movImm(RAX, 56).syscall();
            int after = code.here();
            long start = g.load(code.mov(RDI, RAX).movImm(RAX, 1).syscall().hlt());

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(1234, traps.last().args()[0]);

            g.machine.load(saved.get());
            assertEquals(start + after, g.machine.get(CpuRegister.PC));
            g.machine.set(CpuRegister.SYSCALL_RESULT, 0); // the child's clone result
            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(0, traps.last().args()[0]);
        }
    }

    @Test
    void aClosedContextIsRejectedAndClosingTwiceIsHarmless() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            UnicornContext ctx = g.machine.newContext();
            ctx.close();
            ctx.close();
            assertThrows(IllegalStateException.class, () -> g.machine.load(ctx));
        }
    }

    @Test
    void aContextOfAnotherMachineIsRejected() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps());
                GuestFixture other = new GuestFixture(new RecordingTraps());
                UnicornContext foreign = other.machine.newContext()) {
            assertThrows(IllegalArgumentException.class, () -> g.machine.load(foreign));
        }
    }
}
