/*
 * Synchronous faults run the guest's handler: SIGSEGV with si_addr and si_code (SEGV_MAPERR for
 * an unmapped page, SEGV_ACCERR for a write to a read-only one), on an alternate stack, recovered
 * with siglongjmp; SIGFPE (FPE_INTDIV) and SIGILL (ud2) likewise.
 */
#include "check.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile void *fault_addr;
static volatile int fault_code, fault_sig, on_alt;
static char altstack[65536];

static void handler(int sig, siginfo_t *si, void *ctx)
{
    char here;
    fault_sig = sig;
    fault_code = si->si_code;
    fault_addr = si->si_addr;
    on_alt = &here >= altstack && &here < altstack + sizeof altstack;
    siglongjmp(env, 1);
}

int main(void)
{
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);

    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page + 4096, 4096);
    int recovered = 0;
    for (int round = 0; round < 3; round++) {
        if (sigsetjmp(env, 1) == 0) {
            *(volatile char *) (page + 4096 + 16) = 1;
        } else {
            recovered++;
        }
    }
    printf("recovered from unmapped writes: %d\n", recovered);
    expect("SIGSEGV handler ran", fault_sig == SIGSEGV);
    expect("si_code SEGV_MAPERR", fault_code == SEGV_MAPERR);
    expect("si_addr is the faulting address", fault_addr == page + 4096 + 16);
    expect("handler ran on the alternate stack", on_alt);

    mprotect(page, 4096, PROT_READ);
    fault_code = 0;
    if (sigsetjmp(env, 1) == 0)
        *(volatile char *) (page + 8) = 1;
    printf("read-only write: code %d\n", fault_code);
    expect("si_code SEGV_ACCERR", fault_code == SEGV_ACCERR);
    expect("si_addr on the read-only page", fault_addr == page + 8);

    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    expect("siglongjmp restored the mask", !sigismember(&now, SIGSEGV));

    volatile int zero = 0, ten = 10;
    fault_sig = 0;
    if (sigsetjmp(env, 1) == 0)
        printf("never: %d\n", ten / zero);
    printf("divide: signal %d code %d\n", fault_sig, fault_code);
    expect("SIGFPE FPE_INTDIV", fault_sig == SIGFPE && fault_code == FPE_INTDIV);

    fault_sig = 0;
    if (sigsetjmp(env, 1) == 0)
        __asm__ volatile("ud2");
    printf("ud2: signal %d code %d\n", fault_sig, fault_code);
    expect("SIGILL ILL_ILLOPN", fault_sig == SIGILL && fault_code == ILL_ILLOPN);
    return check_failures ? 1 : 0;
}
