package org.osgix.engine.unicorn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.osgix.engine.unicorn.internal.GuestFixture.EXEC;
import static org.osgix.engine.unicorn.internal.GuestFixture.PAGE;
import static org.osgix.engine.unicorn.internal.GuestFixture.READ;
import static org.osgix.engine.unicorn.internal.GuestFixture.WRITE;
import static org.osgix.engine.unicorn.internal.X86Code.RAX;
import static org.osgix.engine.unicorn.internal.X86Code.RBX;
import static org.osgix.engine.unicorn.internal.X86Code.RCX;
import static org.osgix.engine.unicorn.internal.X86Code.RDI;
import static org.osgix.engine.unicorn.internal.X86Code.RSI;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.syscall.Errno;

class MemoryViewTest {
    private static List<GuestRegions.Region> regions(GuestFixture g) {
        return ((UnicornCore) g.machine).regions().regions();
    }

    /** Guest code that loads the longs at {@code first} and {@code second} and traps. */
    private static X86Code loadTwo(long first, long second) {
        return new X86Code().movImm(RBX, first).load(RDI, RBX).movImm(RBX, second)
            .load(RSI, RBX).movImm(RAX, 1).syscall().hlt();
    }

    @Test
    void partialUnmapKeepsTheRestVisibleAndStillIdentityMapped() {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps, 5)) {
            assertEquals(0, g.machine.map(g.page(1), 3L * PAGE, READ | WRITE));
            assertEquals(0, g.machine.unmap(g.page(2), PAGE));
            assertEquals(List.of(new GuestRegions.Region(g.page(1), g.page(2), READ | WRITE),
                new GuestRegions.Region(g.page(3), g.page(4), READ | WRITE)), regions(g));
            // host writes after the split must be what the guest reads
            g.memory.writeLong(PAGE + 16, 0x1111);
            g.memory.writeLong(3L * PAGE + 24, 0x3333);
            g.load(loadTwo(g.page(1) + 16, g.page(3) + 24));

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(0x1111, traps.last().args()[0]);
            assertEquals(0x3333, traps.last().args()[1]);

            g.machine.set(CpuRegister.PC, g.page(0));
            g.memory.write(0, loadTwo(g.page(2) + 8, g.page(1)).bytes());
            g.machine.flushCode(g.page(0), PAGE);
            assertEquals(Machine.EXIT_SEGV, g.machine.run());
            assertEquals(g.page(2) + 8, g.machine.faultAddress());
        }
    }

    @Test
    void guestStoresReachHostMemoryAfterASplit() {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps, 5)) {
            assertEquals(0, g.machine.map(g.page(1), 4L * PAGE, READ | WRITE));
            assertEquals(0, g.machine.unmap(g.page(1), PAGE));
            g.load(new X86Code().movImm(RBX, g.page(4) + 40).movImm(RAX, 0x4444)
                .store(RBX, RAX).movImm(RAX, 1).syscall().hlt());

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(0x4444, g.memory.readLong(4L * PAGE + 40));
        }
    }

    @Test
    void changingTheProtectionOfPartOfARegionAffectsOnlyThatPart() {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps, 4)) {
            assertEquals(0, g.machine.map(g.page(1), 3L * PAGE, READ | WRITE));
            assertEquals(0, g.machine.map(g.page(2), PAGE, READ));
            assertEquals(3, regions(g).size(), "three pieces");
            X86Code code = new X86Code().movImm(RAX, 0x77).movImm(RBX, g.page(3))
                .store(RBX, RAX).movImm(RBX, g.page(2)).load(RCX, RBX).store(RBX, RAX).hlt();
            g.load(code);

            assertEquals(Machine.EXIT_SEGV, g.machine.run());
            assertEquals(g.page(2), g.machine.faultAddress());
            assertEquals(0x77, g.memory.readLong(3L * PAGE));
            assertEquals(0, g.memory.readLong(2L * PAGE));
        }
    }

    @Test
    void protNoneHidesTheRange() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            assertEquals(0, g.machine.map(g.page(1), 2L * PAGE, READ | WRITE));
            assertEquals(0, g.machine.map(g.page(1), PAGE, 0));
            g.load(loadTwo(g.page(2), g.page(1)));

            assertEquals(Machine.EXIT_SEGV, g.machine.run());
            assertEquals(g.page(1), g.machine.faultAddress());
        }
    }

    @Test
    void writeOnlyAndExecOnlyPagesAreReadableAsOnX86() {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps)) {
            assertEquals(0, g.machine.map(g.page(1), PAGE, WRITE));
            assertEquals(0, g.machine.map(g.page(2), PAGE, EXEC));
            g.memory.writeLong(PAGE, 0x5151);
            g.memory.writeLong(2L * PAGE, 0x5252);
            g.load(loadTwo(g.page(1), g.page(2)));

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(0x5151, traps.last().args()[0]);
            assertEquals(0x5252, traps.last().args()[1]);
            assertEquals(READ | WRITE, regions(g).get(1).prot());
        }
    }

    @Test
    void flushCodeMakesCodeRewrittenByTheHostRun() {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps)) {
            X86Code code = new X86Code().movImm(RDI, 1).movImm(RAX, 1).syscall().hlt();
            long start = g.load(code);
            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(1, traps.last().args()[0]);

            g.memory.write(0, new X86Code().movImm(RDI, 2).movImm(RAX, 1).syscall().hlt()
                .bytes());
            g.machine.flushCode(start, PAGE);
            g.machine.set(CpuRegister.PC, start);

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(2, traps.last().args()[0]);
        }
    }

    @Test
    void codeMappedAgainAfterAnUnmapIsTranslatedAfresh() {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps)) {
            long start = g.load(new X86Code().movImm(RDI, 1).movImm(RAX, 1).syscall().hlt());
            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());

            assertEquals(0, g.machine.unmap(start, PAGE));
            g.memory.write(0, new X86Code().movImm(RDI, 3).movImm(RAX, 1).syscall().hlt()
                .bytes());
            assertEquals(0, g.machine.map(start, PAGE, READ | EXEC));
            g.machine.set(CpuRegister.PC, start);

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(3, traps.last().args()[0]);
        }
    }

    @Test
    void lockXaddIsAtomicAddAndReturnsTheOldValue() {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps)) {
            long counter = g.dataPage(1) + 64;
            g.memory.writeLong(PAGE + 64, 100);
            X86Code code = new X86Code().movImm(RBX, counter).movImm(RCX, 1000);
            int loop = code.here();
            code.movImm(RAX, 3).lockXadd(RBX, RAX).dec(RCX).jnz(loop);
            g.load(code.mov(RDI, RAX).movImm(RAX, 1).syscall().hlt());

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(100 + 3 * 1000, g.memory.readLong(PAGE + 64));
            assertEquals(100 + 3 * 999, traps.last().args()[0], "old value of the last add");
        }
    }

    @Test
    void badRangesAndProtectionsAreEinval() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            UnicornCore m = g.machine;
            assertEquals(-Errno.EINVAL, m.map(g.page(1) + 1, PAGE, READ));
            assertEquals(-Errno.EINVAL, m.map(g.page(1), PAGE + 1, READ));
            assertEquals(-Errno.EINVAL, m.map(g.page(1), 0, READ));
            assertEquals(-Errno.EINVAL, m.map(g.page(1), PAGE, 8));
            assertEquals(-Errno.EINVAL, m.map(-PAGE, 2 * PAGE, READ));
            assertEquals(-Errno.EINVAL, m.unmap(g.page(1) + 8, PAGE));
            assertEquals(-Errno.EINVAL, m.unmap(g.page(1), 0));
            assertEquals(0, m.unmap(g.page(1), PAGE), "unmapping what is not visible is fine");
            assertEquals(List.of(), regions(g));
        }
    }
}
