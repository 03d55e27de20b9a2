package org.osgix.engine.unicorn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.osgix.engine.unicorn.internal.X86Code.RAX;
import static org.osgix.engine.unicorn.internal.X86Code.RBX;
import static org.osgix.engine.unicorn.internal.X86Code.RDI;

import org.junit.jupiter.api.Test;
import org.osgix.engine.Machine;

/**
 * fxsave/fxrstor carry the SSE state, as with Linux's CR4.OSFXSR: glibc's lazy-binding
 * trampoline saves the XMM argument registers that way, and without it every first call of a
 * libm function through the PLT got a clobbered argument (python3 -c 'int("1")' failed).
 */
class FpuStateTest {
    private static final long PATTERN = 0x4024_0000_0000_0000L; // 10.0

    @Test
    void fxrstorBringsBackTheXmmRegisterFxsaveStored() {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps)) {
            long area = g.dataPage(1);
            g.load(new X86Code().movImm(RBX, area).movImm(RAX, PATTERN).movqToXmm0(RAX)
                .fxsave(RBX).clearXmm0().fxrstor(RBX).movqFromXmm0(RDI)
                .movImm(RAX, 999).syscall().hlt());

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            assertEquals(PATTERN, traps.last().args()[0], "xmm0 after fxrstor");
            long offset = area - g.memory.address;
            assertEquals(PATTERN, g.memory.readLong(offset + 160), "xmm0 in the fxsave area");
            assertEquals(0x1f80, g.memory.readLong(offset + 24) & 0xffff_ffffL,
                "MXCSR in the fxsave area");
        }
    }
}
