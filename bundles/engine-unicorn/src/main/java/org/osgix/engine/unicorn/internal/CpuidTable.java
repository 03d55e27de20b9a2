package org.osgix.engine.unicorn.internal;


/**
 * The CPUID answers the guest sees: Unicorn's own CPU model, probed once by running the real
 * instruction in a scratch instance, plus the FPU and MMX feature bits that Unicorn's model
 * omits although it implements them (glibc's ld.so refuses libc.so.6 without them: "CPU ISA
 * level is lower than required"). Leaves outside the probed ranges answer zeros, as Unicorn's
 * model does for its unused leaves.
 *
 * <p>BMI2 is not reported: Unicorn 2.0.1 swaps the source and mask operands of {@code pdep} and
 * {@code pext}, so a program choosing a BMI2 code path from CPUID would compute wrong results
 * (tests/guest/cpu-conformance.c checks them when the bit is set). Its other instructions
 * (bzhi, sarx, shlx, shrx, rorx, mulx) still execute for programs that use them unasked.
 */
final class CpuidTable {
    private static final int EXTENDED_BASE = 0x8000_0000;
    /** Subleaves probed for leaves whose answer depends on ECX (caches, features, topology). */
    private static final int PROBED_SUBLEAVES = 32;
    /** Sanity bound on Unicorn's reported maximum leaves. */
    private static final int MAX_LEAVES = 64;
    private static final int LEAF1_EDX_FPU = 1, LEAF1_EDX_MMX = 1 << 23;
    private static final int LEAF7 = 7, LEAF7_EBX_BMI2 = 1 << 8;
    private static final long PROBE_CODE = 0x1000;
    /** {@code cpuid; hlt}: hlt ends the probe run. */
    private static final byte[] CPUID_HLT = {0x0f, (byte) 0xa2, (byte) 0xf4};

    /** [leaf][subleaf][eax, ebx, ecx, edx]; one subleaf when the leaf ignores ECX. */
    private final int[][][] basic;
    private final int[][][] extended;

    private CpuidTable(int[][][] basic, int[][][] extended) {
        this.basic = basic;
        this.extended = extended;
    }

    /** Probes Unicorn's CPU model in a scratch instance (a few milliseconds, done once). */
    static CpuidTable probe() {
        NativeBuffer out = new NativeBuffer(8);
        check(UnicornLibrary.uc_open(UnicornLibrary.UC_ARCH_X86, UnicornLibrary.UC_MODE_64,
            out.address(0)), "uc_open");
        long uc = out.getLong(0);
        try {
            check(UnicornLibrary.uc_mem_map(uc, PROBE_CODE, 0x1000, 5), "uc_mem_map");
            check(UnicornLibrary.uc_mem_write(uc, PROBE_CODE, CPUID_HLT, CPUID_HLT.length),
                "uc_mem_write");
            Prober prober = new Prober(uc);
            int maxBasic = Math.min(prober.run(0, 0)[0], MAX_LEAVES - 1);
            int maxExtended = Math.min(prober.run(EXTENDED_BASE, 0)[0] - EXTENDED_BASE,
                MAX_LEAVES - 1);
            int[][][] basic = new int[maxBasic + 1][][];
            for (int leaf = 0; leaf <= maxBasic; leaf++) {
                basic[leaf] = prober.leaf(leaf);
            }
            int[][][] extended = new int[Math.max(maxExtended + 1, 0)][][];
            for (int i = 0; i < extended.length; i++) {
                extended[i] = prober.leaf(EXTENDED_BASE + i);
            }
            basic[1][0][3] |= LEAF1_EDX_FPU | LEAF1_EDX_MMX;
            if (basic.length > LEAF7) {
                basic[LEAF7][0][1] &= ~LEAF7_EBX_BMI2;
            }
            return new CpuidTable(basic, extended);
        } finally {
            UnicornLibrary.uc_close(uc);
        }
    }

    /**
     * Puts the answer for {@code (leaf, subleaf)} into {@code out}'s slots 0..3 (EAX, EBX, ECX,
     * EDX). Allocates nothing.
     */
    void answer(int leaf, int subleaf, RegisterBatch out) {
        int[][] subleaves = null;
        if (leaf >= 0 && leaf < basic.length) {
            subleaves = basic[leaf];
        } else if (leaf < 0 && leaf - EXTENDED_BASE < extended.length) {
            subleaves = extended[leaf - EXTENDED_BASE];
        }
        int[] regs = null;
        if (subleaves != null) {
            if (subleaves.length == 1) {
                regs = subleaves[0];
            } else if (subleaf >= 0 && subleaf < subleaves.length) {
                regs = subleaves[subleaf];
            }
        }
        for (int i = 0; i < 4; i++) {
            out.set(i, regs == null ? 0 : Integer.toUnsignedLong(regs[i]));
        }
    }

    private static void check(int err, String what) {
        if (err != UnicornLibrary.UC_ERR_OK) {
            throw new IllegalStateException(what + ": " + UnicornLibrary.describe(err));
        }
    }

    /** Runs the real instruction in the scratch instance. */
    private static final class Prober {
        private final long uc;
        private final RegisterBatch regs = new RegisterBatch(X86Registers.RAX, X86Registers.RBX,
            X86Registers.RCX, X86Registers.RDX);

        Prober(long uc) {
            this.uc = uc;
        }

        int[][] leaf(int leaf) {
            int[][] answers = new int[PROBED_SUBLEAVES][];
            boolean dependsOnSubleaf = false;
            for (int sub = 0; sub < PROBED_SUBLEAVES; sub++) {
                answers[sub] = run(leaf, sub);
                dependsOnSubleaf |= !java.util.Arrays.equals(answers[sub], answers[0]);
            }
            return dependsOnSubleaf ? answers : new int[][] {answers[0]};
        }

        int[] run(int leaf, int subleaf) {
            regs.set(0, Integer.toUnsignedLong(leaf));
            regs.set(1, 0);
            regs.set(2, Integer.toUnsignedLong(subleaf));
            regs.set(3, 0);
            regs.write(uc, 4);
            check(UnicornLibrary.uc_emu_start(uc, PROBE_CODE, -1L, 0, 0), "uc_emu_start");
            regs.read(uc);
            return new int[] {(int) regs.get(0), (int) regs.get(1), (int) regs.get(2),
                (int) regs.get(3)};
        }
    }
}
