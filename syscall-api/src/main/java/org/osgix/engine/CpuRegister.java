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
    X86_GS_BASE
}
