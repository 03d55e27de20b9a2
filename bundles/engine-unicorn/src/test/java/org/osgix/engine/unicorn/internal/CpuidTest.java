package org.osgix.engine.unicorn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.osgix.engine.unicorn.internal.X86Code.RAX;
import static org.osgix.engine.unicorn.internal.X86Code.RBX;
import static org.osgix.engine.unicorn.internal.X86Code.RCX;
import static org.osgix.engine.unicorn.internal.X86Code.RDI;
import static org.osgix.engine.unicorn.internal.X86Code.RDX;
import static org.osgix.engine.unicorn.internal.X86Code.RSI;
import static org.osgix.engine.unicorn.internal.X86Code.R10;

import org.junit.jupiter.api.Test;
import org.osgix.engine.Machine;

class CpuidTest {
    /** Runs {@code cpuid} for (leaf, subleaf) and returns EAX, EBX, ECX, EDX. */
    private static long[] cpuid(long leaf, long subleaf) {
        RecordingTraps traps = new RecordingTraps();
        try (GuestFixture g = new GuestFixture(traps)) {
            g.load(new X86Code().movImm(RAX, leaf).movImm(RCX, subleaf).cpuid()
                .mov(RDI, RAX).mov(RSI, RBX).mov(RDX, RDX).mov(R10, RCX)
                .movImm(RAX, 999).syscall().hlt());
            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
            long[] a = traps.last().args();
            return new long[] {a[0], a[1], a[3], a[2]};
        }
    }

    @Test
    void leafOneReportsFpuAndMmx() {
        long edx = cpuid(1, 0)[3];

        assertEquals(1, edx & 1, "FPU");
        assertEquals(1 << 23, edx & (1 << 23), "MMX");
        assertEquals(1 << 25, edx & (1 << 25), "SSE from Unicorn's own model is kept");
        assertEquals(1 << 26, edx & (1 << 26), "SSE2 from Unicorn's own model is kept");
    }

    @Test
    void leafSevenHidesBmi2ButKeepsBmi1() {
        long ebx = cpuid(7, 0)[1];

        assertEquals(1 << 3, ebx & (1 << 3), "BMI1 from Unicorn's own model is kept");
        assertEquals(0, ebx & (1 << 8), "BMI2: Unicorn 2.0.1's pdep/pext swap their operands");
    }

    @Test
    void leafZeroIsUnicornsVendorAndMaximumLeaf() {
        long[] r = cpuid(0, 0);

        assertNotEquals(0, r[0], "maximum basic leaf");
        // "AuthenticAMD" in EBX, EDX, ECX
        assertEquals(0x68747541L, r[1]);
        assertEquals(0x69746e65L, r[3]);
        assertEquals(0x444d4163L, r[2]);
    }

    @Test
    void subleafDependentLeavesAnswerPerSubleaf() {
        // leaf 4 (cache parameters): EAX's cache level/type differs between subleaves 0 and 1
        assertNotEquals(cpuid(4, 0)[0], cpuid(4, 1)[0]);
    }

    @Test
    void leavesOutsideTheModelAnswerZero() {
        CpuidTable table = CpuidTable.probe();
        RegisterBatch out = new RegisterBatch(X86Registers.RAX, X86Registers.RBX,
            X86Registers.RCX, X86Registers.RDX);
        for (int leaf : new int[] {0x4000_0000, 0x7fff_ffff, 0xc000_0000, 0x8fff_ffff}) {
            for (int i = 0; i < 4; i++) {
                out.set(i, -1);
            }
            table.answer(leaf, 0, out);
            for (int i = 0; i < 4; i++) {
                assertEquals(0, out.get(i), "leaf " + Integer.toHexString(leaf));
            }
        }
        table.answer(0x8000_0000, 0, out);
        assertNotEquals(0, out.get(0), "extended leaves are probed");
    }
}
