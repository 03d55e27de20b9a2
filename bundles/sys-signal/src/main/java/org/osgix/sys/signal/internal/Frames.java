package org.osgix.sys.signal.internal;

import static org.osgix.sys.signal.internal.Signals.*;
import static org.osgix.syscall.SignalNumbers.SIGSEGV;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.osgix.engine.CpuRegister;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestThread;

/**
 * Linux's x86_64 signal frame: below the stack pointer (past the red zone) or at the top of the
 * alternate stack, the xsave image (64-byte aligned, with its magic words), then the rt_sigframe
 * (restorer address, ucontext, siginfo) 16-byte aligned minus 8, as if called. rt_sigreturn
 * reads it back.
 */
final class Frames {
    /** General registers in sigcontext order (r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip). */
    private static final CpuRegister[] SAVED = {CpuRegister.X86_R8, CpuRegister.X86_R9, CpuRegister.X86_R10,
        CpuRegister.X86_R11, CpuRegister.X86_R12, CpuRegister.X86_R13, CpuRegister.X86_R14, CpuRegister.X86_R15,
        CpuRegister.X86_RDI, CpuRegister.X86_RSI, CpuRegister.X86_RBP, CpuRegister.X86_RBX, CpuRegister.X86_RDX,
        CpuRegister.SYSCALL_RESULT, CpuRegister.X86_RCX, CpuRegister.SP, CpuRegister.PC};
    private static final long CANONICAL_LIMIT = 1L << 47;

    private Frames() {
    }

    /** Builds the frame and points the registers at the handler; false when it cannot be written. */
    static boolean setUp(GuestThread thread, SignalState.ThreadSignals t, SigInfo info, SignalState.Disposition d,
            long savedMask) {
        if ((d.flags() & SA_RESTORER) == 0) {
            return false; // x86_64 Linux needs a restorer to return through
        }
        GuestMemory mem = thread.process().memory();
        long sp = thread.register(CpuRegister.SP);
        long altSp;
        long altSize;
        int altFlags;
        synchronized (Delivery.state(thread.process())) {
            altSp = t.altStackSp;
            altSize = t.altStackSize;
            altFlags = t.altStackSize == 0 ? SigAltStack.SS_DISABLE
                    : (t.onAltStack(sp) ? SigAltStack.SS_ONSTACK : 0) | (t.altStackFlags & SigAltStack.SS_AUTODISARM);
            sp -= RED_ZONE;
            if ((d.flags() & SA_ONSTACK) != 0 && t.altStackSize != 0 && !t.onAltStack(sp + RED_ZONE)) {
                sp = t.altStackSp + t.altStackSize;
                if ((t.altStackFlags & SigAltStack.SS_AUTODISARM) != 0) {
                    t.altStackSp = 0;
                    t.altStackSize = 0;
                    t.altStackFlags = SigAltStack.SS_DISABLE;
                }
            }
        }
        int xsize = thread.vectorStateSize();
        long fpstate = (sp - xsize - 4) & ~63L;
        long frame = ((fpstate - FRAME_SIZE) & ~15L) - 8;
        byte[] image = new byte[xsize + 4];
        thread.readVectorState(image);
        ByteBuffer fp = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        fp.putInt(FP_SW_BYTES, FP_XSTATE_MAGIC1);
        fp.putInt(FP_SW_BYTES + 4, xsize + 4);
        fp.putLong(FP_SW_BYTES + 8, fp.getLong(512) | 3); // the features in the image: x87 and SSE at least
        fp.putInt(FP_SW_BYTES + 16, xsize);
        fp.putInt(xsize, FP_XSTATE_MAGIC2);

        ByteBuffer f = ByteBuffer.allocate(FRAME_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        f.putLong(0, d.restorer());
        f.putLong(FRAME_UC + UC_FLAGS, UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS);
        f.putLong(FRAME_UC + UC_STACK, altSp);
        f.putInt(FRAME_UC + UC_STACK + 8, altFlags);
        f.putLong(FRAME_UC + UC_STACK + 16, altSize);
        int sc = FRAME_UC + UC_MCONTEXT;
        for (int i = 0; i < SAVED.length; i++) {
            f.putLong(sc + 8 * i, thread.register(SAVED[i]));
        }
        f.putLong(sc + 8 * SC_EFLAGS, thread.register(CpuRegister.X86_RFLAGS));
        f.putLong(sc + 8 * SC_SEGMENTS, USER_CS | (USER_DS << 48)); // cs, gs, fs, ss
        if (info.signo() == SIGSEGV && info.code() > 0) {
            f.putLong(sc + 8 * SC_TRAPNO, TRAP_PAGE_FAULT);
            f.putLong(sc + 8 * SC_ERR, 4 | (info.code() == SEGV_ACCERR ? 1 : 0)); // user mode, protection
            f.putLong(sc + 8 * SC_CR2, info.word0());
        }
        f.putLong(sc + 8 * SC_OLDMASK, savedMask);
        f.putLong(sc + 8 * SC_FPSTATE, fpstate);
        f.putLong(FRAME_UC + UC_SIGMASK, savedMask);
        info.writeTo(f, FRAME_INFO);
        try {
            if (!mem.isAccessible(frame, fpstate + image.length - frame, GuestMemory.PROT_WRITE)) {
                return false;
            }
            mem.write(fpstate, image, 0, image.length);
            mem.write(frame, f.array(), 0, FRAME_SIZE);
        } catch (GuestFault fault) {
            return false;
        }
        // the handler starts with the FPU in its initial state, as on Linux
        byte[] clean = new byte[xsize];
        ByteBuffer c = ByteBuffer.wrap(clean).order(ByteOrder.LITTLE_ENDIAN);
        c.putShort(0, (short) 0x37f);
        c.putInt(24, 0x1f80);
        thread.writeVectorState(clean);
        thread.setRegister(CpuRegister.PC, d.handler());
        thread.setRegister(CpuRegister.SP, frame);
        thread.setRegister(CpuRegister.X86_RDI, info.signo());
        thread.setRegister(CpuRegister.X86_RSI, frame + FRAME_INFO);
        thread.setRegister(CpuRegister.X86_RDX, frame + FRAME_UC);
        thread.setRegister(CpuRegister.SYSCALL_RESULT, 0);
        thread.setRegister(CpuRegister.X86_RFLAGS, thread.register(CpuRegister.X86_RFLAGS) & ~FLAGS_HANDLER_CLEAR);
        return true;
    }

    /**
     * rt_sigreturn: restores what the frame at SP-8 holds (the handler's edits included) and
     * returns the RAX to resume with; -1 with {@code bad[0]} set when the frame is unusable.
     */
    static long sigreturn(GuestThread thread, boolean[] bad) {
        GuestMemory mem = thread.process().memory();
        long frame = thread.register(CpuRegister.SP) - 8;
        byte[] raw = new byte[FRAME_SIZE];
        try {
            mem.read(frame, raw, 0, FRAME_SIZE);
        } catch (GuestFault fault) {
            bad[0] = true;
            return -1;
        }
        ByteBuffer f = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int sc = FRAME_UC + UC_MCONTEXT;
        long rip = f.getLong(sc + 8 * SC_RIP);
        if (rip < 0 || rip >= CANONICAL_LIMIT) {
            bad[0] = true;
            return -1;
        }
        long fpstate = f.getLong(sc + 8 * SC_FPSTATE);
        if (fpstate != 0) {
            byte[] image = new byte[thread.vectorStateSize()];
            try {
                mem.read(fpstate, image, 0, image.length);
            } catch (GuestFault fault) {
                bad[0] = true;
                return -1;
            }
            thread.writeVectorState(image); // the engine keeps only what the CPU accepts
        }
        for (int i = 0; i < SAVED.length; i++) {
            thread.setRegister(SAVED[i], f.getLong(sc + 8 * i));
        }
        long flags = thread.register(CpuRegister.X86_RFLAGS);
        thread.setRegister(CpuRegister.X86_RFLAGS, (flags & ~FLAGS_USER) | (f.getLong(sc + 8 * SC_EFLAGS) & FLAGS_USER));
        SignalState state = Delivery.state(thread.process());
        SignalState.ThreadSignals t = state.thread(thread.tid());
        long altSp = f.getLong(FRAME_UC + UC_STACK);
        int altFlags = f.getInt(FRAME_UC + UC_STACK + 8);
        long altSize = f.getLong(FRAME_UC + UC_STACK + 16);
        synchronized (state) {
            t.blocked = f.getLong(FRAME_UC + UC_SIGMASK) & ~UNBLOCKABLE;
            // like restore_altstack: a valid saved stack comes back (SS_ONSTACK only says where we were)
            if ((altFlags & SigAltStack.SS_DISABLE) != 0) {
                t.altStackSp = 0;
                t.altStackSize = 0;
                t.altStackFlags = SigAltStack.SS_DISABLE;
            } else if (altSize >= SigAltStack.MINSIGSTKSZ && !t.onAltStack(thread.register(CpuRegister.SP))) {
                t.altStackSp = altSp;
                t.altStackSize = altSize;
                t.altStackFlags = altFlags & SigAltStack.SS_AUTODISARM;
            }
        }
        return f.getLong(sc + 8 * SC_RAX);
    }
}
