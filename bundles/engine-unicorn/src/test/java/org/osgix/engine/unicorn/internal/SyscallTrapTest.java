package org.osgix.engine.unicorn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.osgix.engine.unicorn.internal.X86Code.R10;
import static org.osgix.engine.unicorn.internal.X86Code.R11;
import static org.osgix.engine.unicorn.internal.X86Code.R8;
import static org.osgix.engine.unicorn.internal.X86Code.R9;
import static org.osgix.engine.unicorn.internal.X86Code.RAX;
import static org.osgix.engine.unicorn.internal.X86Code.RCX;
import static org.osgix.engine.unicorn.internal.X86Code.RDI;
import static org.osgix.engine.unicorn.internal.X86Code.RDX;
import static org.osgix.engine.unicorn.internal.X86Code.RSI;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;

class SyscallTrapTest {
    private static final long[] ARGS = {0x1111_2222_3333_4444L, 0x5555_6666_7777_8888L,
        0x9999_aaaa_bbbb_ccccL, 0xdddd_eeee_ffff_0001L, 0x0123_4567_89ab_cdefL, -2L};
    private static final long RESULT = 0x7654_3210_fedc_ba98L;

    /** Loads the six argument registers and the number, then traps. */
    private static X86Code syscallWithArgs(X86Code code, long number) {
        code.movImm(RAX, number).movImm(RDI, ARGS[0]).movImm(RSI, ARGS[1]).movImm(RDX, ARGS[2])
            .movImm(R10, ARGS[3]).movImm(R8, ARGS[4]).movImm(R9, ARGS[5]);
        return code.syscall();
    }

    @Test
    void trapDeliversNumberAndSixArgumentsAndTheResultLandsInRax() {
        RecordingTraps traps = new RecordingTraps(n -> n == 39 ? RESULT : TrapHandler.DEFER);
        try (GuestFixture g = new GuestFixture(traps)) {
            X86Code code = syscallWithArgs(new X86Code(), 39);
            code.mov(RDI, RAX).movImm(RAX, 60);
            int second = code.here();
            long start = g.load(code.syscall().hlt());

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());

            assertEquals(2, traps.calls.size());
            assertEquals(39, traps.calls.get(0).number());
            assertArrayEquals(ARGS, traps.calls.get(0).args());
            assertEquals(60, traps.last().number());
            assertEquals(RESULT, traps.last().args()[0], "first result was in RAX");
            assertEquals(start + second + 2, g.machine.get(CpuRegister.PC));
        }
    }

    @Test
    void deferredSyscallLeavesRaxAloneAndResumesWithTheResultTheKernelSets() {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps)) {
            X86Code code = new X86Code().movImm(RAX, 0).syscall();
            code.mov(RDI, RAX).movImm(RAX, 1).syscall().hlt();
            g.load(code);

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(0, g.machine.get(CpuRegister.SYSCALL_RESULT), "still the number");
            g.machine.set(CpuRegister.SYSCALL_RESULT, -14);

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(1, traps.last().number());
            assertEquals(-14, traps.last().args()[0]);
            assertEquals(Machine.EXIT_HALT, g.machine.run());
        }
    }

    @Test
    void handlerSeesThePcPastTheInstructionAndCanRedirectIt() {
        AtomicReference<UnicornCore> machine = new AtomicReference<>();
        AtomicLong pcSeen = new AtomicLong();
        AtomicLong redirect = new AtomicLong();
        RecordingTraps traps = new RecordingTraps(n -> {
            if (n == 39) {
                pcSeen.set(machine.get().get(CpuRegister.PC));
                machine.get().set(CpuRegister.PC, redirect.get());
                return 0;
            }
            return TrapHandler.DEFER;
        });
        try (GuestFixture g = new GuestFixture(traps)) {
            machine.set(g.machine);
            X86Code code = new X86Code().movImm(RAX, 39);
            int first = code.here();
            code.syscall().ud2();
            int target = code.here();
            code.movImm(RAX, 70);
            int last = code.here();
            long start = g.load(code.syscall().hlt());
            redirect.set(start + target);

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());

            assertEquals(start + first + 2, pcSeen.get());
            assertEquals(70, traps.last().number());
            assertEquals(start + last + 2, g.machine.get(CpuRegister.PC));
        }
    }

    @Test
    void syscallLeavesTheReturnAddressInRcxAndTheFlagsInR11() {
        RecordingTraps traps = new RecordingTraps(n -> n == 39 ? 0 : TrapHandler.DEFER);
        try (GuestFixture g = new GuestFixture(traps)) {
            X86Code code = new X86Code().movImm(RCX, 0).movImm(R11, 0).movImm(RAX, 39).syscall();
            int after = code.here();
            code.mov(RDI, RCX).mov(RSI, R11).movImm(RAX, 1).syscall().hlt();
            long start = g.load(code);

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());

            assertEquals(start + after, traps.last().args()[0]);
            assertEquals(2, traps.last().args()[1] & 2, "RFLAGS bit 1 is always set");
        }
    }

    @Test
    void aFailingHandlerEndsTheRunWithItsExceptionAndTheMachineStaysUsable() {
        RuntimeException boom = new RuntimeException("boom");
        RecordingTraps traps = new RecordingTraps(n -> {
            if (n == 13) {
                throw boom;
            }
            return TrapHandler.DEFER;
        });
        try (GuestFixture g = new GuestFixture(traps)) {
            X86Code code = new X86Code().movImm(RAX, 13).syscall();
            int next = code.here();
            long start = g.load(code.movImm(RAX, 14).syscall().hlt());

            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                g.machine::run);
            assertSame(boom, thrown.getCause());

            assertEquals(start + next, g.machine.get(CpuRegister.PC));
            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(14, traps.last().number());
        }
    }

    @Test
    void runIsRefusedFromInsideTheHandler() {
        AtomicReference<UnicornCore> machine = new AtomicReference<>();
        RecordingTraps traps = new RecordingTraps(n -> machine.get().run());
        try (GuestFixture g = new GuestFixture(traps)) {
            machine.set(g.machine);
            g.load(new X86Code().movImm(RAX, 5).syscall().hlt());

            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                g.machine::run);
            assertNotEquals(null, thrown.getCause());
            assertEquals(IllegalStateException.class, thrown.getCause().getClass());
        }
    }
}
