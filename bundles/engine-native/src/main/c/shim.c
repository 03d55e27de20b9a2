/*
 * The native engine's shim: signal handlers that turn guest events (a trapped syscall, a fault,
 * a stop request) into exits of osgix_enter, and per-thread set-up. All policy is in Java.
 *
 * Built with -fno-stack-protector and no libc calls: the handlers run with the guest's FS base
 * (the stack canary and errno live at %fs) and must not make syscalls outside the allowed text.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>
#include <sys/syscall.h>
#include "vcpu.h"

#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_OFF 0
#define PR_SYS_DISPATCH_ON 1
#define SA_RESTORER_FLAG 0x04000000

extern char osgix_text_begin[], osgix_text_end[];
extern char osgix_entry_check[], osgix_entry_jump[], osgix_entry_abort[], osgix_signal_exit[];
extern void osgix_restorer(void);
extern long osgix_raw_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

/* the kernel's struct sigaction for rt_sigaction */
struct ksigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};

/* the handled signals: previous actions, to chain to for events that are not the guest's */
static const int handled[] = {SIGSYS, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, KICK_SIGNAL};
#define HANDLED_COUNT (sizeof(handled) / sizeof(handled[0]))
static struct ksigaction previous[65];
static int installed;

/*
 * 1 when the kernel manages FS/GS bases written by wrfsbase/wrgsbase (AT_HWCAP2 FSGSBASE).
 * Without it the instructions may still work, but a context switch restores the base the kernel
 * last set through arch_prctl: the bases must then go through arch_prctl.
 */
__attribute__((visibility("hidden"))) unsigned char osgix_fsgsbase;

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

static inline void wrgsbase(uint64_t v) {
    if (osgix_fsgsbase) {
        __asm__ volatile("wrgsbase %0" ::"r"(v) : "memory");
    } else {
        osgix_raw_syscall(SYS_arch_prctl, ARCH_SET_GS, (long) v, 0, 0, 0, 0);
    }
}

/* Chooses how FS and GS bases are switched (see osgix_fsgsbase). */
void osgix_set_fsgsbase(int managed) {
    osgix_fsgsbase = managed != 0;
}

#define U32(v, off) (*(volatile uint32_t *) ((char *) (v) + (off)))
#define U64(v, off) (*(volatile uint64_t *) ((char *) (v) + (off)))
#define U8(v, off) (*(volatile uint8_t *) ((char *) (v) + (off)))

static const int greg_of[16] = {REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP, REG_RSP,
                                REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};

static void chain(int sig, siginfo_t *info, void *uc) {
    struct ksigaction *old = &previous[sig];
    if (old->handler == (void *) SIG_IGN) {
        return;
    }
    if (old->handler == (void *) SIG_DFL) {
        /* the default action: reinstall it and let the fault happen again (or the signal end us) */
        struct ksigaction dfl = {(void *) SIG_DFL, 0, 0, 0};
        osgix_raw_syscall(SYS_rt_sigaction, sig, (long) &dfl, 0, 8, 0, 0);
        if (sig == KICK_SIGNAL) {
            osgix_raw_syscall(SYS_tgkill, osgix_raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0),
                              osgix_raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0), sig, 0, 0, 0);
        }
        return;
    }
    if (old->flags & SA_SIGINFO) {
        ((void (*)(int, siginfo_t *, void *)) old->handler)(sig, info, uc);
    } else {
        ((void (*)(int)) old->handler)(sig);
    }
}

static int exit_reason(int sig) {
    switch (sig) {
    case SIGSYS: return EXIT_SYSCALL;
    case SIGSEGV: return EXIT_SEGV;
    case SIGBUS: return EXIT_BUS;
    case SIGFPE: return EXIT_FPE;
    case SIGILL: return EXIT_ILLEGAL;
    case SIGTRAP: return EXIT_TRAP;
    default: return EXIT_STOPPED;
    }
}

static void handler(int sig, siginfo_t *info, void *ucv) {
    ucontext_t *uc = ucv;
    /*
     * The vCPU of this thread, found without a syscall: the signal stack the kernel reports is
     * the one inside the vCPU block. Threads without it (the JVM's, including threads created
     * from a guest thread, which inherit its GS base but not its signal stack) chain at once.
     */
    char *v = (char *) uc->uc_stack.ss_sp - V_STACK_OFF;
    if ((uc->uc_stack.ss_flags & SS_DISABLE) || uc->uc_stack.ss_size != V_STACK_SIZE
        || (char *) &v < v || (char *) &v >= v + V_BLOCK_SIZE /* on that stack: the block is mapped */
        || U64(v, V_MAGIC) != VCPU_MAGIC || U64(v, V_SELF) != (uint64_t) v) {
        chain(sig, info, ucv);
        return;
    }
    greg_t *g = uc->uc_mcontext.gregs;
    char *rip = (char *) g[REG_RIP];
    int in_text = rip >= osgix_text_begin && rip < osgix_text_end;
    if (sig == KICK_SIGNAL) {
        /* the requester set V_STOP before signalling */
        if (!U32(v, V_IN_GUEST)) {
            return; /* host mode: the next entry sees V_STOP */
        }
        if (in_text) {
            if (rip >= osgix_entry_check && rip <= osgix_entry_jump) {
                g[REG_RIP] = (greg_t) osgix_entry_abort;
            }
            return; /* elsewhere in the text we are leaving anyway; the next entry aborts */
        }
        U32(v, V_STOP) = 0;
    } else if (!U32(v, V_IN_GUEST) || in_text) {
        chain(sig, info, ucv); /* the JVM's own fault (implicit null check, safepoint poll) */
        return;
    }
    for (int i = 0; i < 16; i++) {
        U64(v, V_REGS + 8 * i) = g[greg_of[i]];
    }
    U64(v, V_RIP) = g[REG_RIP];
    U64(v, V_RFLAGS) = g[REG_EFL];
    U32(v, V_EXIT) = exit_reason(sig);
    U32(v, V_SIGNO) = sig;
    U32(v, V_SI_CODE) = info->si_code;
    U64(v, V_FAULT_ADDR) = (uint64_t) info->si_addr;
    if (sig == SIGSYS) {
        U64(v, V_SYSNO) = (uint64_t) (long) info->si_syscall;
        U64(v, V_RAX) = (uint64_t) (long) info->si_syscall; /* the frame holds -ENOSYS there */
        U64(v, V_TRAP_RIP) = (uint64_t) info->si_call_addr;
    } else {
        U64(v, V_TRAP_RIP) = 0;
    }
    g[REG_RIP] = (greg_t) osgix_signal_exit;
}

/* Installs the handlers once per process (chaining to the JVM's). 0 or -errno. */
int osgix_install(void) {
    if (installed) {
        return 0;
    }
    for (unsigned i = 0; i < HANDLED_COUNT; i++) {
        int sig = handled[i];
        struct ksigaction act = {(void *) handler, SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_RESTORER_FLAG,
                                 osgix_restorer, 1ULL << (KICK_SIGNAL - 1)};
        long r = osgix_raw_syscall(SYS_rt_sigaction, sig, (long) &act, (long) &previous[sig], 8, 0, 0);
        if (r < 0) {
            return (int) r;
        }
    }
    installed = 1;
    return 0;
}

/* Makes the calling thread able to run vCPU v. 0 or -errno. */
int osgix_attach(char *v) {
    U64(v, V_MAGIC) = VCPU_MAGIC;
    U64(v, V_SELF) = (uint64_t) v;
    U64(v, V_ALTSTACK) = (uint64_t) (v + V_STACK_OFF);
    U32(v, V_HOST_TID) = (uint32_t) osgix_raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
    osgix_raw_syscall(SYS_arch_prctl, ARCH_GET_FS, (long) (v + V_HOST_FS), 0, 0, 0, 0);
    stack_t ss = {.ss_sp = v + V_STACK_OFF, .ss_flags = 0, .ss_size = V_STACK_SIZE};
    long r = osgix_raw_syscall(SYS_sigaltstack, (long) &ss, 0, 0, 0, 0, 0);
    if (r < 0) {
        return (int) r;
    }
    /* only synchronous faults, SIGSYS and the kick reach a thread that runs guest code: the
     * JVM's and the user's asynchronous signals go to the JVM's other threads */
    uint64_t keep = (1ULL << (SIGSYS - 1)) | (1ULL << (SIGSEGV - 1)) | (1ULL << (SIGBUS - 1))
                    | (1ULL << (SIGFPE - 1)) | (1ULL << (SIGILL - 1)) | (1ULL << (SIGTRAP - 1))
                    | (1ULL << (KICK_SIGNAL - 1));
    uint64_t block = ~keep;
    r = osgix_raw_syscall(SYS_rt_sigprocmask, SIG_BLOCK, (long) &block, (long) (v + V_OLD_MASK), 8, 0, 0);
    if (r < 0) {
        return (int) r;
    }
    uint64_t unblock = keep;
    osgix_raw_syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, (long) &unblock, 0, 8, 0, 0);
    U8(v, V_SELECTOR) = 0;
    r = osgix_raw_syscall(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON,
                          (long) osgix_text_begin, osgix_text_end - osgix_text_begin, (long) (v + V_SELECTOR), 0);
    if (r < 0) {
        return (int) r;
    }
    wrgsbase((uint64_t) v);
    return 0;
}

/* Undoes osgix_attach on the calling thread. */
void osgix_detach(char *v) {
    osgix_raw_syscall(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0, 0);
    wrgsbase(0);
    stack_t ss = {.ss_sp = 0, .ss_flags = SS_DISABLE, .ss_size = 0};
    osgix_raw_syscall(SYS_sigaltstack, (long) &ss, 0, 0, 0, 0, 0);
    osgix_raw_syscall(SYS_rt_sigprocmask, SIG_SETMASK, (long) (v + V_OLD_MASK), 0, 8, 0, 0);
    U64(v, V_MAGIC) = 0;
}

/* Asks vCPU v to leave the guest soon (from any thread). */
void osgix_kick(char *v, int pid) {
    __atomic_store_n((uint32_t *) (v + V_STOP), 1, __ATOMIC_SEQ_CST);
    uint32_t tid = U32(v, V_HOST_TID);
    if (tid != 0) {
        osgix_raw_syscall(SYS_tgkill, pid, tid, KICK_SIGNAL, 0, 0, 0);
    }
}

/*
 * Rewrites code at addr: 8 bytes, atomically when aligned (other threads may be executing
 * there), after making the page writable; prot is restored after. 0, -EAGAIN (bytes changed
 * meanwhile) or -errno.
 */
long osgix_patch(uint64_t addr, uint64_t expected, uint64_t replacement, int prot) {
    uint64_t page = addr & ~4095ULL;
    uint64_t len = ((addr + 8 + 4095) & ~4095ULL) - page;
    long r = osgix_raw_syscall(SYS_mprotect, page, len, 7, 0, 0, 0);
    if (r < 0) {
        return r;
    }
    long result = 0;
    if ((addr & 7) == 0) {
        if (!__atomic_compare_exchange_n((uint64_t *) addr, &expected, replacement, 0, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST)) {
            result = -11;
        }
    } else {
        volatile uint8_t *p = (uint8_t *) addr;
        uint64_t now = 0;
        for (int i = 0; i < 8; i++) {
            now |= (uint64_t) p[i] << (8 * i);
        }
        if (now != expected) {
            result = -11;
        } else {
            for (int i = 0; i < 8; i++) {
                p[i] = (uint8_t) (replacement >> (8 * i));
            }
        }
    }
    osgix_raw_syscall(SYS_mprotect, page, len, prot, 0, 0, 0);
    return result;
}

/* The xsave area size for the enabled features (CPUID 0xD.0 EBX), or 0 without xsaveopt/osxsave. */
int osgix_xsave_size(void) {
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    if (!(c & (1u << 27))) {
        return 0; /* OSXSAVE */
    }
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0xd), "c"(1));
    if (!(a & 1)) {
        return 0; /* xsaveopt */
    }
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0xd), "c"(0));
    return (int) b;
}

/*
 * 0 when this host can run the engine, else a reason code: 2 no Syscall User Dispatch, 3 no
 * xsaveopt (or a larger xsave area than a vCPU block holds).
 */
int osgix_probe(void) {
    int size = osgix_xsave_size();
    if (size == 0 || size > V_XSAVE_MAX) {
        return 3;
    }
    long r = osgix_raw_syscall(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0, 0);
    return r < 0 ? 2 : 0;
}

/* Layout check for Java: the offset of field i (see NativeLayout). */
long osgix_layout(int i) {
    static const long offsets[] = {V_MAGIC, V_SELF, V_REGS, V_RIP, V_RFLAGS, V_FS_BASE, V_GS_BASE, V_EXIT,
                                   V_IN_GUEST, V_STOP, V_HOST_TID, V_FAULT_ADDR, V_SIGNO, V_SI_CODE, V_SYSNO,
                                   V_TRAP_RIP, V_XSAVE, V_BLOCK_SIZE, KICK_SIGNAL, V_XSAVE_MAX};
    return i >= 0 && i < (int) (sizeof(offsets) / sizeof(offsets[0])) ? offsets[i] : -1;
}

/* Where the allowed text and the fast entry are (for stubs and tests). */
uint64_t osgix_symbol(int i) {
    switch (i) {
    case 0: return (uint64_t) osgix_text_begin;
    case 1: return (uint64_t) osgix_text_end;
    default: {
        extern char osgix_fast_entry[];
        return i == 2 ? (uint64_t) osgix_fast_entry : 0;
    }
    }
}

/* XCR0: the state components xsave/xrstor handle here. */
uint64_t osgix_xcr0(void) {
    uint32_t a, d;
    __asm__ volatile("xgetbv" : "=a"(a), "=d"(d) : "c"(0));
    return ((uint64_t) d << 32) | a;
}
