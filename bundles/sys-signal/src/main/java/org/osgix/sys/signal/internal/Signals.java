package org.osgix.sys.signal.internal;

import static org.osgix.syscall.SignalNumbers.NSIG;
import static org.osgix.syscall.SignalNumbers.SIGCHLD;
import static org.osgix.syscall.SignalNumbers.SIGCONT;
import static org.osgix.syscall.SignalNumbers.SIGKILL;
import static org.osgix.syscall.SignalNumbers.SIGSTOP;
import static org.osgix.syscall.SignalNumbers.SIGTSTP;
import static org.osgix.syscall.SignalNumbers.SIGTTIN;
import static org.osgix.syscall.SignalNumbers.SIGTTOU;
import static org.osgix.syscall.SignalNumbers.SIGURG;
import static org.osgix.syscall.SignalNumbers.SIGWINCH;

/** Linux's signal ABI on x86_64: numbers, default actions, flags, si_codes and the frame layout. */
final class Signals {
    /** The kernel's sigset_t size on x86_64. */
    static final int SIGSET_SIZE = 8;
    static final long SIG_DFL = 0, SIG_IGN = 1;

    /** sa_flags. */
    static final long SA_SIGINFO = 4, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000,
            SA_RESETHAND = 0x80000000L, SA_RESTORER = 0x04000000;

    /** si_code values. */
    static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_TKILL = -6;

    /** errno values the kernel uses internally and a few results. */
    static final int EINTR = 4;

    /** struct rt_sigframe: the restorer address, then ucontext, then siginfo (fpstate apart). */
    static final int FRAME_UC = 8, FRAME_INFO = 8 + 304, FRAME_SIZE = 8 + 304 + 128, SIGINFO_SIZE = 128;
    /** struct ucontext offsets. */
    static final int UC_FLAGS = 0, UC_LINK = 8, UC_STACK = 16, UC_MCONTEXT = 40, UC_SIGMASK = 296;
    /** uc_flags: the frame holds an xsave image, and SS was saved (and is restored strictly). */
    static final long UC_FP_XSTATE = 1, UC_SIGCONTEXT_SS = 2, UC_STRICT_RESTORE_SS = 4;
    /** struct sigcontext (in uc_mcontext): 8-byte slots in this order, then cs/gs/fs/ss, err, trapno... */
    static final int SC_R8 = 0, SC_RDI = 8, SC_RSI = 9, SC_RBP = 10, SC_RBX = 11, SC_RDX = 12, SC_RAX = 13,
            SC_RCX = 14, SC_RSP = 15, SC_RIP = 16, SC_EFLAGS = 17, SC_SEGMENTS = 18, SC_ERR = 19, SC_TRAPNO = 20,
            SC_OLDMASK = 21, SC_CR2 = 22, SC_FPSTATE = 23;
    static final long USER_CS = 0x33, USER_DS = 0x2b;
    /** The xsave software-reserved words in the FXSAVE area (offset 464) and the trailing magic. */
    static final int FP_SW_BYTES = 464, FP_XSTATE_MAGIC1 = 0x46505853, FP_XSTATE_MAGIC2 = 0x46505845;
    /** RFLAGS bits user code may change through sigreturn (AC OF DF TF SF ZF AF PF CF RF). */
    static final long FLAGS_USER = 0x40000 | 0x800 | 0x400 | 0x100 | 0x80 | 0x40 | 0x10 | 0x4 | 0x1 | 0x10000;
    /** RFLAGS bits cleared for a handler: DF, TF, RF. */
    static final long FLAGS_HANDLER_CLEAR = 0x400 | 0x100 | 0x10000;
    /** Bytes below the stack pointer the ABI lets leaf functions use: a frame goes beneath. */
    static final int RED_ZONE = 128;
    static final int TRAP_PAGE_FAULT = 14, SEGV_ACCERR = 2;

    /** What happens when a signal with the default disposition arrives. */
    enum DefaultAction { TERMINATE, IGNORE, STOP, CONTINUE }

    private Signals() {
    }

    static boolean valid(int sig) {
        return sig >= 1 && sig <= NSIG;
    }

    /** SIGKILL and SIGSTOP can be neither caught, blocked nor ignored. */
    static boolean unblockable(int sig) {
        return sig == SIGKILL || sig == SIGSTOP;
    }

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    static DefaultAction defaultAction(int sig) {
        return switch (sig) {
            case SIGCHLD, SIGURG, SIGWINCH -> DefaultAction.IGNORE;
            case SIGCONT -> DefaultAction.CONTINUE;
            case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> DefaultAction.STOP;
            default -> DefaultAction.TERMINATE; // including core-dumping ones and real-time signals
        };
    }
}
