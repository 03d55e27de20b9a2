package org.osgix.engine;

/** Registers named independently of the architecture; an engine maps them to its own. */
public enum CpuRegister {
    /** Program counter (x86_64 RIP). */
    PC,
    /** Stack pointer. */
    SP,
    /** The register the syscall result is returned in (x86_64 RAX). */
    SYSCALL_RESULT,
    /** The thread pointer set by clone(CLONE_SETTLS) (x86_64 FS base, aarch64 TPIDR_EL0). */
    TLS,
    /** x86_64 GS base (arch_prctl ARCH_SET_GS). */
    X86_GS_BASE,
    /** x86_64 general registers besides RIP ({@link #PC}), RSP ({@link #SP}) and RAX ({@link #SYSCALL_RESULT}). */
    X86_RBX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_RBP, X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13,
    X86_R14, X86_R15,
    /** x86_64 RFLAGS. */
    X86_RFLAGS
}
