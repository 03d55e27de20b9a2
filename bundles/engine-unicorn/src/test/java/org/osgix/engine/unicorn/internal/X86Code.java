package org.osgix.engine.unicorn.internal;

import java.io.ByteArrayOutputStream;

/** A tiny x86_64 assembler for hand-written test programs (encodings checked with GNU as). */
final class X86Code {
    static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7,
        R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Offset of the next instruction. */
    int here() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** {@code movabs $imm, %reg}. */
    X86Code movImm(int reg, long imm) {
        emit(0x48 | (reg >> 3), 0xb8 + (reg & 7));
        for (int i = 0; i < 8; i++) {
            emit((int) (imm >>> (8 * i)));
        }
        return this;
    }

    /** {@code mov %src, %dst}. */
    X86Code mov(int dst, int src) {
        return emit(rex(src, dst), 0x89, modrm(3, src, dst));
    }

    /** {@code mov (%base), %dst}. */
    X86Code load(int dst, int base) {
        checkSimpleBase(base);
        return emit(rex(dst, base), 0x8b, modrm(0, dst, base));
    }

    /** {@code mov %src, (%base)}. */
    X86Code store(int base, int src) {
        checkSimpleBase(base);
        return emit(rex(src, base), 0x89, modrm(0, src, base));
    }

    /** {@code lock xadd %src, (%base)}. */
    X86Code lockXadd(int base, int src) {
        checkSimpleBase(base);
        return emit(0xf0, rex(src, base), 0x0f, 0xc1, modrm(0, src, base));
    }

    /** {@code mov %fs:0, %dst}. */
    X86Code loadFs0(int dst) {
        return emit(0x64, 0x48 | ((dst >> 3) << 2), 0x8b, modrm(0, dst, 4), 0x25, 0, 0, 0, 0);
    }

    /** {@code mov %gs:0, %dst}. */
    X86Code loadGs0(int dst) {
        return emit(0x65, 0x48 | ((dst >> 3) << 2), 0x8b, modrm(0, dst, 4), 0x25, 0, 0, 0, 0);
    }

    /** {@code dec %reg}. */
    X86Code dec(int reg) {
        return emit(0x48 | (reg >> 3), 0xff, modrm(3, 1, reg));
    }

    /** {@code div %reg} (unsigned RDX:RAX / reg). */
    X86Code div(int reg) {
        return emit(0x48 | (reg >> 3), 0xf7, modrm(3, 6, reg));
    }

    /** {@code jnz target} (rel32). */
    X86Code jnz(int target) {
        emit(0x0f, 0x85);
        return rel32(target);
    }

    /** {@code jmp target} (rel32). */
    X86Code jmp(int target) {
        emit(0xe9);
        return rel32(target);
    }

    /** {@code jmp *%reg}. */
    X86Code jmpReg(int reg) {
        if (reg >= 8) {
            emit(0x41);
        }
        return emit(0xff, modrm(3, 4, reg));
    }

    /** {@code movq %src, %xmm0}. */
    X86Code movqToXmm0(int src) {
        return emit(0x66, rex(0, src), 0x0f, 0x6e, modrm(3, 0, src));
    }

    /** {@code movq %xmm0, %dst}. */
    X86Code movqFromXmm0(int dst) {
        return emit(0x66, rex(0, dst), 0x0f, 0x7e, modrm(3, 0, dst));
    }

    /** {@code pxor %xmm0, %xmm0}. */
    X86Code clearXmm0() {
        return emit(0x66, 0x0f, 0xef, 0xc0);
    }

    /** {@code fxsave (%base)} (the 32-bit-pointer layout, as glibc's ld.so uses it). */
    X86Code fxsave(int base) {
        checkSimpleBase(base);
        return emitOptionalRexB(base).emit(0x0f, 0xae, modrm(0, 0, base));
    }

    /** {@code fxrstor (%base)}. */
    X86Code fxrstor(int base) {
        checkSimpleBase(base);
        return emitOptionalRexB(base).emit(0x0f, 0xae, modrm(0, 1, base));
    }

    private X86Code emitOptionalRexB(int base) {
        return base >= 8 ? emit(0x41) : this;
    }

    X86Code syscall() {
        return emit(0x0f, 0x05);
    }

    X86Code cpuid() {
        return emit(0x0f, 0xa2);
    }

    X86Code hlt() {
        return emit(0xf4);
    }

    X86Code ud2() {
        return emit(0x0f, 0x0b);
    }

    X86Code int3() {
        return emit(0xcc);
    }

    X86Code nop() {
        return emit(0x90);
    }

    private X86Code rel32(int target) {
        int rel = target - (here() + 4);
        for (int i = 0; i < 4; i++) {
            emit(rel >>> (8 * i));
        }
        return this;
    }

    private static int rex(int reg, int rm) {
        return 0x48 | ((reg >> 3) << 2) | (rm >> 3);
    }

    private static int modrm(int mod, int reg, int rm) {
        return (mod << 6) | ((reg & 7) << 3) | (rm & 7);
    }

    private static void checkSimpleBase(int base) {
        if ((base & 7) == RSP || (base & 7) == RBP) {
            throw new IllegalArgumentException("base needs SIB or displacement: " + base);
        }
    }

    private X86Code emit(int... bytes) {
        for (int b : bytes) {
            out.write(b & 0xff);
        }
        return this;
    }
}
