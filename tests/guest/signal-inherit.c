/*
 * signal-inherit: the dispositions and mask a program starts with are its parent's ignored
 * signals and blocked mask (nohup's SIGHUP, a background job's SIGINT); everything else is
 * default. Prints each standard signal that starts ignored or blocked.
 */
#include "check.h"
#include <signal.h>

int main(void)
{
    sigset_t blocked;
    sigprocmask(SIG_BLOCK, NULL, &blocked);
    int ignored = 0, caught = 0;
    for (int sig = 1; sig < 32; sig++) {
        struct sigaction sa;
        if (sigaction(sig, NULL, &sa) != 0)
            continue;
        if (sa.sa_handler == SIG_IGN) {
            printf("signal %d starts ignored\n", sig);
            ignored++;
        } else if (sa.sa_handler != SIG_DFL) {
            caught++;
        }
        if (sigismember(&blocked, sig))
            printf("signal %d starts blocked\n", sig);
    }
    printf("ignored: %d, with a handler: %d\n", ignored, caught);
    return caught == 0 ? 0 : 1;
}
