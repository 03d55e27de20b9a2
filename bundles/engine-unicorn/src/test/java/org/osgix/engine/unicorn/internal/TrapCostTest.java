package org.osgix.engine.unicorn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.osgix.engine.unicorn.internal.X86Code.RAX;
import static org.osgix.engine.unicorn.internal.X86Code.RBX;

import org.junit.jupiter.api.Test;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;

/** Measures a trapped syscall served inside the hook (the single-threaded fast path). */
class TrapCostTest {
    private static final int TRAPS = 200_000;

    private static final class CountingTraps implements TrapHandler {
        long count;

        @Override
        public long onSyscall(long number, long a0, long a1, long a2, long a3, long a4, long a5) {
            if (number == 60) {
                return DEFER;
            }
            count++;
            return 0;
        }
    }

    @Test
    void reportsNanosecondsPerTrappedSyscall() {
        CountingTraps traps = new CountingTraps();
        try (HostMemory memory = new HostMemory(4096);
                UnicornCore machine = new UnicornCore(traps, GuestFixture.CPUID)) {
            X86Code code = new X86Code().movImm(RBX, TRAPS);
            int loop = code.here();
            code.movImm(RAX, 39).syscall().dec(RBX).jnz(loop).movImm(RAX, 60).syscall().hlt();
            memory.write(0, code.bytes());
            assertEquals(0, machine.map(memory.address, 4096, GuestFixture.READ
                | GuestFixture.EXEC));
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                traps.count = 0;
                machine.set(org.osgix.engine.CpuRegister.PC, memory.address);
                long t0 = System.nanoTime();
                assertEquals(Machine.EXIT_SYSCALL, machine.run());
                best = Math.min(best, System.nanoTime() - t0);
                assertEquals(TRAPS, traps.count);
            }
            System.out.printf("trapped syscall: %.0f ns each (best of 3 x %d)%n",
                (double) best / TRAPS, TRAPS);
        }
    }
}
