package org.osgix.engine.unicorn.internal;

import org.osgix.engine.CpuRegister;

/** Unicorn's x86 register ids (unicorn/x86.h, enum uc_x86_reg) and the portable names' ids. */
final class X86Registers {
    static final int EFLAGS = 25, RAX = 35, RBX = 37, RCX = 38, RDI = 39, RDX = 40, RIP = 41,
        RSI = 43, RSP = 44, CR4 = 54, R8 = 106, R9 = 107, R10 = 108, R11 = 109, FS_BASE = 250, GS_BASE = 251,
        FPCW = 246, FPTAG = 247, MXCSR = 249, RBP = 36, R12 = 110, R13 = 111, R14 = 112, R15 = 113;
    /** XMM0; XMM1..XMM15 follow. */
    static final int XMM0 = 122;

    private X86Registers() {
    }

    static int idOf(CpuRegister reg) {
        return switch (reg) {
            case PC -> RIP;
            case SP -> RSP;
            case SYSCALL_RESULT -> RAX;
            case TLS -> FS_BASE;
            case X86_GS_BASE -> GS_BASE;
            case X86_RBX -> RBX;
            case X86_RCX -> RCX;
            case X86_RDX -> RDX;
            case X86_RSI -> RSI;
            case X86_RDI -> RDI;
            case X86_RBP -> RBP;
            case X86_R8 -> R8;
            case X86_R9 -> R9;
            case X86_R10 -> R10;
            case X86_R11 -> R11;
            case X86_R12 -> R12;
            case X86_R13 -> R13;
            case X86_R14 -> R14;
            case X86_R15 -> R15;
            case X86_RFLAGS -> EFLAGS;
        };
    }
}
