/*
 * pdeathsig: PR_SET_PDEATHSIG delivers its signal to the process (not to anything else) when
 * its parent ends, with the parent as sender; a fork child of such a process starts without
 * one. A forks B, B forks C; C sets SIGUSR1, forks D (which reports its own setting), tells B it
 * is ready, B exits, and C reports the signal it got. Reports travel to A through a pipe.
 */
#include "check.h"
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static volatile sig_atomic_t got, from;
static int report;

static void on_signal(int sig, siginfo_t *info, void *ctx)
{
    (void) ctx;
    got = sig;
    from = info->si_pid;
}

static void say(const char *s)
{
    write(report, s, strlen(s));
}

int main(void)
{
    int pipefd[2], ready[2];
    pipe(pipefd);
    fflush(stdout);
    pid_t b = fork();
    if (b == 0) {
        close(pipefd[0]);
        report = pipefd[1];
        pipe(ready);
        pid_t c = fork();
        if (c == 0) {
            close(ready[0]);
            struct sigaction sa = {0};
            sa.sa_sigaction = on_signal;
            sa.sa_flags = SA_SIGINFO;
            sigaction(SIGUSR1, &sa, NULL);
            sigaction(SIGALRM, &sa, NULL);
            sigset_t block, old;
            sigemptyset(&block);
            sigaddset(&block, SIGUSR1);
            sigprocmask(SIG_BLOCK, &block, &old);
            pid_t parent = getppid();
            prctl(PR_SET_PDEATHSIG, SIGUSR1);
            pid_t d = fork();
            if (d == 0) {
                int sig = -1;
                prctl(PR_GET_PDEATHSIG, &sig);
                say(sig == 0 ? "fork child of C starts without a death signal: yes\n"
                             : "fork child of C starts without a death signal: no\n");
                _exit(0);
            }
            waitpid(d, NULL, 0);
            write(ready[1], "r", 1);
            alarm(60);
            while (!got)
                sigsuspend(&old);
            say(got == SIGUSR1 ? "C got SIGUSR1 when B ended: yes\n" : "C got SIGUSR1 when B ended: no\n");
            say(from == parent ? "sent by B: yes\n" : "sent by B: no\n");
            _exit(0);
        }
        close(ready[1]);
        char r;
        read(ready[0], &r, 1);
        _exit(0); /* C's parent ends */
    }
    close(pipefd[1]);
    waitpid(b, NULL, 0);
    char buf[512];
    ssize_t n;
    while ((n = read(pipefd[0], buf, sizeof buf)) > 0)
        fwrite(buf, 1, n, stdout);
    return 0;
}
