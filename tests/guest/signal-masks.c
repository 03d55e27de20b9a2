/*
 * The masks ppoll, pselect6, epoll_pwait and sigsuspend take apply only while they wait: a
 * blocked SIGUSR1, pending before the call, interrupts the wait (EINTR, handler runs, the
 * handler sees the wait's mask), and the original mask is back afterwards. A mask that blocks
 * the signal keeps the wait going until its timeout. Also SIGPIPE on a write to a pipe
 * without readers: the handler runs and write fails with EPIPE.
 */
#include "check.h"
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>

static volatile int handled, usr2_blocked_in_handler;

static void on_sig(int sig)
{
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    usr2_blocked_in_handler = sigismember(&now, SIGUSR2);
    handled++;
}

static void check_after(const char *name, int r)
{
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("%s: %d %s, handled %d\n", name, r, r < 0 ? errno_name(errno) : "", handled);
    char label[128];
    snprintf(label, sizeof label, "%s: EINTR with the handler run under the wait's mask", name);
    expect(label, r == -1 && errno == EINTR && handled == 1 && usr2_blocked_in_handler);
    snprintf(label, sizeof label, "%s: old mask back", name);
    expect(label, sigismember(&now, SIGUSR1) && !sigismember(&now, SIGUSR2));
}

int main(void)
{
    signal(SIGUSR1, on_sig);
    sigset_t usr1, wait_mask, all_but;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    sigemptyset(&wait_mask);
    sigaddset(&wait_mask, SIGUSR2); /* the wait's mask: USR1 open, USR2 blocked */
    int fds[2];
    pipe(fds);
    struct pollfd p = {.fd = fds[0], .events = POLLIN};
    struct timespec ts = {5, 0};

    handled = 0;
    kill(getpid(), SIGUSR1);
    int r = ppoll(&p, 1, &ts, &wait_mask);
    check_after("ppoll", r);

    handled = 0;
    kill(getpid(), SIGUSR1);
    fd_set in;
    FD_ZERO(&in);
    FD_SET(fds[0], &in);
    r = pselect(fds[0] + 1, &in, NULL, NULL, &ts, &wait_mask);
    check_after("pselect", r);

    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN}, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
    handled = 0;
    kill(getpid(), SIGUSR1);
    r = epoll_pwait(ep, &out, 1, 5000, &wait_mask);
    check_after("epoll_pwait", r);

    handled = 0;
    kill(getpid(), SIGUSR1);
    r = sigsuspend(&wait_mask);
    check_after("sigsuspend", r);

    /* a wait mask that blocks USR1: the pending signal waits too */
    handled = 0;
    kill(getpid(), SIGUSR1);
    sigfillset(&all_but);
    struct timespec short_ts = {0, 50 * 1000 * 1000};
    r = ppoll(&p, 1, &short_ts, &all_but);
    printf("ppoll, USR1 blocked: %d, handled %d\n", r, handled);
    expect("blocked by the wait's mask: timeout, no handler", r == 0 && handled == 0);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    expect("delivered once unblocked", handled == 1);

    signal(SIGPIPE, on_sig);
    handled = 0;
    close(fds[0]);
    r = write(fds[1], "x", 1);
    printf("write to a closed pipe: %d %s, handled %d\n", r, errno_name(errno), handled);
    expect("SIGPIPE handler ran and EPIPE returned", r == -1 && errno == EPIPE && handled == 1);
    return check_failures ? 1 : 0;
}
