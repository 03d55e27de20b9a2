package org.osgix.engine.unicorn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.osgix.engine.unicorn.internal.X86Code.RAX;
import static org.osgix.engine.unicorn.internal.X86Code.RBX;
import static org.osgix.engine.unicorn.internal.X86Code.RCX;
import static org.osgix.engine.unicorn.internal.X86Code.RDX;

import org.junit.jupiter.api.Test;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;

class FaultTest {
    @Test
    void loadFromAnAddressTheEngineDoesNotSeeIsASegvAtThatAddress() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            long hidden = g.page(3) + 0x18; // host memory exists, the guest view does not
            g.load(new X86Code().movImm(RBX, hidden).load(RAX, RBX).hlt());

            assertEquals(Machine.EXIT_SEGV, g.machine.run());
            assertEquals(hidden, g.machine.faultAddress());
        }
    }

    @Test
    void storeToAReadOnlyMappingIsASegvAndMemoryIsUnchanged() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            long target = g.page(1) + 8;
            g.memory.writeLong(8 + GuestFixture.PAGE, 77);
            assertEquals(0, g.machine.map(g.page(1), GuestFixture.PAGE, GuestFixture.READ));
            g.load(new X86Code().movImm(RBX, target).movImm(RAX, 5).store(RBX, RAX).hlt());

            assertEquals(Machine.EXIT_SEGV, g.machine.run());
            assertEquals(target, g.machine.faultAddress());
            assertEquals(77, g.memory.readLong(8 + GuestFixture.PAGE));
        }
    }

    @Test
    void jumpToUnmappedCodeIsASegvAtTheTarget() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            long target = g.page(2) + 0x40;
            g.load(new X86Code().movImm(RAX, target).jmpReg(RAX));

            assertEquals(Machine.EXIT_SEGV, g.machine.run());
            assertEquals(target, g.machine.faultAddress());
        }
    }

    @Test
    void executingADataPageIsASegv() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            long data = g.dataPage(1);
            g.memory.write(GuestFixture.PAGE, new X86Code().hlt().bytes());
            g.load(new X86Code().movImm(RAX, data).jmpReg(RAX));

            assertEquals(Machine.EXIT_SEGV, g.machine.run());
            assertEquals(data, g.machine.faultAddress());
        }
    }

    @Test
    void ud2IsIllegalWithThePcOnTheInstruction() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            X86Code code = new X86Code().nop();
            int at = code.here();
            long start = g.load(code.ud2());

            assertEquals(Machine.EXIT_ILLEGAL, g.machine.run());
            assertEquals(start + at, g.machine.get(CpuRegister.PC));
        }
    }

    @Test
    void divideByZeroIsFpeWithThePcOnTheInstruction() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            X86Code code = new X86Code().movImm(RAX, 1).movImm(RDX, 0).movImm(RCX, 0);
            int at = code.here();
            long start = g.load(code.div(RCX).hlt());

            assertEquals(Machine.EXIT_FPE, g.machine.run());
            assertEquals(start + at, g.machine.get(CpuRegister.PC));
        }
    }

    @Test
    void int3IsATrapWithThePcAfterIt() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            X86Code code = new X86Code().nop().int3();
            int after = code.here();
            long start = g.load(code.hlt());

            assertEquals(Machine.EXIT_TRAP, g.machine.run());
            assertEquals(start + after, g.machine.get(CpuRegister.PC));
        }
    }

    @Test
    void hltEndsTheRunAsHalt() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            g.load(new X86Code().nop().hlt());

            assertEquals(Machine.EXIT_HALT, g.machine.run());
        }
    }

    @Test
    void softwareInterruptsOtherThanBreakpointAreSegv() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            long start = g.page(0);
            g.memory.write(0, new byte[] {(byte) 0xcd, (byte) 0x80, (byte) 0xf4}); // int $0x80
            assertEquals(0, g.machine.map(start, GuestFixture.PAGE, GuestFixture.READ
                | GuestFixture.EXEC));
            g.machine.set(CpuRegister.PC, start);

            assertEquals(Machine.EXIT_SEGV, g.machine.run());
        }
    }
}
