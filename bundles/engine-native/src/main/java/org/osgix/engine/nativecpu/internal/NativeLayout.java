package org.osgix.engine.nativecpu.internal;

/**
 * Offsets into a vCPU block, as {@code src/main/c/vcpu.h} defines them (NativeShimTest compares
 * the two through {@code osgix_layout}).
 */
final class NativeLayout {
    static final int MAGIC = 0x000, SELF = 0x008, REGS = 0x010, RIP = 0x090, RFLAGS = 0x098, FS_BASE = 0x0a0,
        GS_BASE = 0x0a8, EXIT = 0x0b0, IN_GUEST = 0x0b4, STOP = 0x0b8, HOST_TID = 0x0bc, FAULT_ADDR = 0x0c0,
        SIGNO = 0x0c8, SI_CODE = 0x0cc, SYSNO = 0x0d0, TRAP_RIP = 0x0f8, XSAVE = 0x140, BLOCK_SIZE = 0x44000;
    static final int KICK_SIGNAL = 62, XSAVE_MAX = 0x3000;

    /** The order osgix_layout reports them in. */
    static final int[] CHECKED = {MAGIC, SELF, REGS, RIP, RFLAGS, FS_BASE, GS_BASE, EXIT, IN_GUEST, STOP, HOST_TID,
        FAULT_ADDR, SIGNO, SI_CODE, SYSNO, TRAP_RIP, XSAVE, BLOCK_SIZE, KICK_SIGNAL, XSAVE_MAX};

    /** General registers in {@link #REGS}, in the order of the x86_64 encoding. */
    static final int RAX = REGS, RCX = REGS + 2 * 8, RDX = REGS + 3 * 8, RBX = REGS + 8, RSP = REGS + 7 * 8,
        RBP = REGS + 6 * 8, RSI = REGS + 4 * 8, RDI = REGS + 5 * 8, R8 = REGS + 8 * 8, R9 = REGS + 9 * 8,
        R10 = REGS + 10 * 8, R11 = REGS + 11 * 8;

    /** The legacy-area MXCSR inside the xsave area. */
    static final int XSAVE_MXCSR = XSAVE + 24;

    private NativeLayout() {
    }
}
