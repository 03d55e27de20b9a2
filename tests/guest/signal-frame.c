/*
 * Signal handlers run with Linux's x86_64 frame: siginfo (si_signo, si_code, si_pid, si_value),
 * a ucontext with the interrupted registers, the fpstate with its magic words and the saved
 * mask; the mask during a handler; SA_NODEFER, SA_RESETHAND, nesting; edits a handler makes
 * to the ucontext take effect on return, general registers and XMM registers in the fpstate.
 */
#include "check.h"
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>

#define FP_XSTATE_MAGIC1 0x46505853U
#define FP_XSTATE_MAGIC2 0x46505845U

static volatile int plain_sig, info_code, info_pid, info_value, mask_has_self, mask_has_extra;
static volatile int magic1_ok, magic2_ok, saved_mask_usr2, depth, max_depth, resethand_count;
static volatile uint64_t saved_r12;

static void plain(int sig)
{
    plain_sig = sig;
}

static void with_info(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    sigset_t now;
    info_code = si->si_code;
    info_pid = si->si_pid;
    info_value = si->si_value.sival_int;
    sigprocmask(SIG_SETMASK, NULL, &now);
    mask_has_self = sigismember(&now, sig);
    mask_has_extra = sigismember(&now, SIGWINCH);
    saved_mask_usr2 = sigismember(&uc->uc_sigmask, SIGUSR2);
    unsigned char *fp = (unsigned char *) uc->uc_mcontext.fpregs;
    uint32_t m1, size;
    memcpy(&m1, fp + 464, 4);
    memcpy(&size, fp + 464 + 16, 4);
    magic1_ok = m1 == FP_XSTATE_MAGIC1;
    uint32_t m2;
    memcpy(&m2, fp + size, 4);
    magic2_ok = m2 == FP_XSTATE_MAGIC2;
}

static void edit_regs(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    saved_r12 = uc->uc_mcontext.gregs[REG_R12];
    uc->uc_mcontext.gregs[REG_R12] = 0x1234567887654321ULL;
}

static volatile uint32_t saved_xmm7[4];

/* Reads XMM7 from the fpstate and replaces it: sigreturn loads the edited value. */
static void edit_xmm(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    for (int i = 0; i < 4; i++) {
        saved_xmm7[i] = uc->uc_mcontext.fpregs->_xmm[7].element[i];
        uc->uc_mcontext.fpregs->_xmm[7].element[i] = 0xc0de0000u + i;
    }
}

static void nested(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (depth < 3)
        raise(sig); /* SA_NODEFER: runs again right away, nested */
    depth--;
}

static void once(int sig)
{
    resethand_count++;
}

static void install(int sig, void (*h)(int), void (*s)(int, siginfo_t *, void *), int flags, int extra)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    if (s)
        sa.sa_sigaction = s;
    else
        sa.sa_handler = h;
    sa.sa_flags = flags | (s ? SA_SIGINFO : 0);
    sigemptyset(&sa.sa_mask);
    if (extra)
        sigaddset(&sa.sa_mask, extra);
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    install(SIGUSR1, plain, NULL, 0, 0);
    kill(getpid(), SIGUSR1);
    printf("plain handler got: %d\n", plain_sig);
    expect("plain handler ran", plain_sig == SIGUSR1);

    install(SIGUSR2, NULL, with_info, 0, SIGWINCH);
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    kill(getpid(), SIGUSR2);
    expect("kill: si_code SI_USER", info_code == SI_USER);
    expect("kill: si_pid is ours", info_pid == getpid());
    expect("own signal blocked in handler", mask_has_self);
    expect("sa_mask blocked in handler", mask_has_extra);
    expect("uc_sigmask is the interrupted mask", !saved_mask_usr2);
    expect("fpstate magic1", magic1_ok);
    expect("fpstate magic2", magic2_ok);
    sigset_t after;
    sigprocmask(SIG_SETMASK, NULL, &after);
    expect("mask restored after handler", !sigismember(&after, SIGUSR2) && !sigismember(&after, SIGWINCH));

    union sigval v = {.sival_int = 4242};
    sigqueue(getpid(), SIGUSR2, v);
    printf("sigqueue: code %d value %d\n", info_code, info_value);
    expect("sigqueue: SI_QUEUE and value", info_code == SI_QUEUE && info_value == 4242);

    /* a blocked signal is delivered when unblocked */
    plain_sig = 0;
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    raise(SIGUSR1);
    expect("blocked: not yet", plain_sig == 0);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    expect("unblocked: delivered", plain_sig == SIGUSR1);

    /* ucontext edits take effect: R12 survives compiled code only through asm */
    install(SIGHUP, NULL, edit_regs, 0, 0);
    uint64_t r12_after;
    __asm__ volatile("mov $0x1111, %%r12\n\t"
                     "mov %[nr], %%eax\n\t"
                     "mov %[pid], %%edi\n\t"
                     "mov %[sig], %%esi\n\t"
                     "syscall\n\t"
                     "mov %%r12, %[out]"
                     : [out] "=r"(r12_after)
                     : [nr] "i"(SYS_kill), [pid] "r"(getpid()), [sig] "i"(SIGHUP)
                     : "rax", "rdi", "rsi", "rcx", "r11", "r12", "memory");
    printf("saved r12: 0x%llx, after: 0x%llx\n", (unsigned long long) saved_r12, (unsigned long long) r12_after);
    expect("saved r12 in ucontext", saved_r12 == 0x1111);
    expect("edited r12 after return", r12_after == 0x1234567887654321ULL);

    /* the vector registers are in the fpstate too, and edits to them take effect */
    install(SIGHUP, NULL, edit_xmm, 0, 0);
    uint32_t xmm_in[4] = {0x11111111, 0x22222222, 0x33333333, 0x44444444}, xmm_out[4];
    __asm__ volatile("movdqu %[in], %%xmm7\n\t"
                     "mov %[nr], %%eax\n\t"
                     "mov %[pid], %%edi\n\t"
                     "mov %[sig], %%esi\n\t"
                     "syscall\n\t"
                     "movdqu %%xmm7, %[out]"
                     : [out] "=m"(xmm_out)
                     : [in] "m"(xmm_in), [nr] "i"(SYS_kill), [pid] "r"(getpid()), [sig] "i"(SIGHUP)
                     : "rax", "rdi", "rsi", "rcx", "r11", "xmm7", "memory");
    printf("saved xmm7: %08x %08x %08x %08x, after: %08x %08x %08x %08x\n", saved_xmm7[0], saved_xmm7[1],
           saved_xmm7[2], saved_xmm7[3], xmm_out[0], xmm_out[1], xmm_out[2], xmm_out[3]);
    expect("saved xmm7 in fpstate", saved_xmm7[0] == 0x11111111 && saved_xmm7[3] == 0x44444444);
    expect("edited xmm7 after return", xmm_out[0] == 0xc0de0000u && xmm_out[3] == 0xc0de0003u);

    install(SIGUSR1, nested, NULL, SA_NODEFER, 0);
    raise(SIGUSR1);
    printf("SA_NODEFER nesting depth: %d\n", max_depth);
    expect("SA_NODEFER nests", max_depth == 3);

    install(SIGWINCH, once, NULL, SA_RESETHAND, 0);
    raise(SIGWINCH);
    raise(SIGWINCH); /* now SIG_DFL: ignored */
    struct sigaction cur;
    sigaction(SIGWINCH, NULL, &cur);
    printf("SA_RESETHAND runs: %d\n", resethand_count);
    expect("SA_RESETHAND: once, then default", resethand_count == 1 && cur.sa_handler == SIG_DFL);
    return check_failures ? 1 : 0;
}
