/*
 * Signal dispositions, masks and self-directed signals with default actions (no handler runs):
 * sigaction round trips, SIGKILL/SIGSTOP cannot be caught, sigprocmask blocks and reports,
 * an ignored signal is dropped, a blocked one stays pending until ignored and unblocked,
 * sigaltstack round trips, bad arguments give Linux's errno. argv[1] = "term" then ends the
 * process with an unblocked SIGTERM (status 143), "raise-blocked" raises a blocked SIGUSR1
 * then unblocks it (status 138).
 */
#include "check.h"
#include <signal.h>

static void handler(int sig)
{
    (void) sig;
}

int main(int argc, char **argv)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    expect("install handler", sigaction(SIGUSR1, &sa, NULL) == 0);
    expect("read it back", sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == handler
            && (old.sa_flags & SA_RESTART) && sigismember(&old.sa_mask, SIGUSR2));
    printf("catch SIGKILL: %s\n", errno_name(sigaction(SIGKILL, &sa, NULL) == 0 ? 0 : errno));
    printf("catch SIGSTOP: %s\n", errno_name(sigaction(SIGSTOP, &sa, NULL) == 0 ? 0 : errno));
    printf("signal 65: %s\n", errno_name(sigaction(65, &sa, NULL) == 0 ? 0 : errno));
    printf("raw sigsetsize 4: %s\n",
           errno_name(syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4) == 0 ? 0 : errno));

    signal(SIGTERM, SIG_IGN);
    expect("ignored SIGTERM is dropped", kill(getpid(), SIGTERM) == 0);
    signal(SIGTERM, SIG_DFL);

    sigset_t block, cur, pend;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGKILL);
    expect("block SIGTERM", sigprocmask(SIG_BLOCK, &block, NULL) == 0);
    sigprocmask(SIG_BLOCK, NULL, &cur);
    expect("mask has SIGTERM", sigismember(&cur, SIGTERM));
    expect("mask never has SIGKILL", !sigismember(&cur, SIGKILL));
    expect("blocked SIGTERM does not kill", raise(SIGTERM) == 0);
    sigpending(&pend);
    expect("SIGTERM pending", sigismember(&pend, SIGTERM));
    signal(SIGTERM, SIG_IGN);
    expect("unblock an ignored pending signal", sigprocmask(SIG_UNBLOCK, &block, NULL) == 0);
    sigpending(&pend);
    expect("nothing pending", !sigismember(&pend, SIGTERM));
    printf("bad how: %s\n", errno_name(sigprocmask(99, &block, NULL) == 0 ? 0 : errno));
    printf("kill signal 99: %s\n", errno_name(kill(getpid(), 99) == 0 ? 0 : errno));
    printf("tgkill no such thread: %s\n",
           errno_name(syscall(SYS_tgkill, getpid(), 0x3fffffff, SIGTERM) == 0 ? 0 : errno));
    expect("signal 0 probes", kill(getpid(), 0) == 0);

    static char stack_mem[65536];
    stack_t ss = { .ss_sp = stack_mem, .ss_size = sizeof stack_mem, .ss_flags = 0 }, got;
    expect("sigaltstack set", sigaltstack(&ss, NULL) == 0);
    expect("sigaltstack get", sigaltstack(NULL, &got) == 0 && got.ss_sp == stack_mem
            && got.ss_size == sizeof stack_mem && got.ss_flags == 0);
    ss.ss_size = 100;
    printf("tiny altstack: %s\n", errno_name(sigaltstack(&ss, NULL) == 0 ? 0 : errno));

    fflush(stdout);
    if (argc > 1 && strcmp(argv[1], "term") == 0) {
        signal(SIGTERM, SIG_DFL);
        kill(getpid(), SIGTERM);
        puts("still alive after SIGTERM");
    }
    if (argc > 1 && strcmp(argv[1], "raise-blocked") == 0) {
        sigset_t usr1;
        sigemptyset(&usr1);
        sigaddset(&usr1, SIGUSR1);
        signal(SIGUSR1, SIG_DFL);
        sigprocmask(SIG_BLOCK, &usr1, NULL);
        raise(SIGUSR1);
        puts("raised while blocked");
        fflush(stdout);
        sigprocmask(SIG_UNBLOCK, &usr1, NULL);
        puts("still alive after unblocking");
    }
    return check_failures ? 1 : 0;
}
