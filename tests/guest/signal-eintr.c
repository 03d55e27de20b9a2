/*
 * Blocking calls and signals, per Linux's rules: read on a pipe restarts under SA_RESTART and
 * fails with EINTR without it; nanosleep, poll and epoll_wait fail with EINTR even under
 * SA_RESTART; pause and sigsuspend return EINTR after the handler (sigsuspend's mask applies
 * while it waits, then the old one comes back); sigtimedwait takes a blocked signal or times
 * out; sigpending shows blocked signals.
 */
#include "check.h"
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/time.h>
#include <time.h>

static volatile int handled;
static int pipefd[2];

static void on_sig(int sig)
{
    handled++;
}

static void set_handler(int sig, int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

static void arm(int ms)
{
    struct itimerval it = {.it_value = {.tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void *late_writer(void *arg)
{
    usleep(300 * 1000);
    write(pipefd[1], "x", 1);
    return NULL;
}

static void *late_kill(void *arg)
{
    usleep(50 * 1000);
    kill(getpid(), SIGUSR1);
    return NULL;
}

int main(void)
{
    char c;
    pipe(pipefd);

    set_handler(SIGALRM, SA_RESTART);
    pthread_t t;
    pthread_create(&t, NULL, late_writer, NULL);
    handled = 0;
    arm(50);
    ssize_t n = read(pipefd[0], &c, 1);
    pthread_join(t, NULL);
    printf("read with SA_RESTART: %zd, handled %d\n", n, handled);
    expect("read restarted after the handler", n == 1 && handled == 1);

    set_handler(SIGALRM, 0);
    handled = 0;
    arm(50);
    n = read(pipefd[0], &c, 1);
    printf("read without SA_RESTART: %zd %s\n", n, n < 0 ? errno_name(errno) : "");
    expect("read: EINTR", n == -1 && errno == EINTR && handled == 1);

    set_handler(SIGALRM, SA_RESTART);
    handled = 0;
    arm(50);
    struct timespec ts = {.tv_sec = 5}, rem = {0};
    int r = nanosleep(&ts, &rem);
    printf("nanosleep: %d %s, handled %d\n", r, r < 0 ? errno_name(errno) : "", handled);
    expect("nanosleep: EINTR despite SA_RESTART", r == -1 && errno == EINTR && handled == 1);
    expect("nanosleep: remaining time reported", rem.tv_sec >= 3);

    arm(50);
    struct pollfd p = {.fd = pipefd[0], .events = POLLIN};
    r = poll(&p, 1, 5000);
    printf("poll: %d %s\n", r, r < 0 ? errno_name(errno) : "");
    expect("poll: EINTR", r == -1 && errno == EINTR);

    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN}, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, pipefd[0], &ev);
    arm(50);
    r = epoll_wait(ep, &out, 1, 5000);
    printf("epoll_wait: %d %s\n", r, r < 0 ? errno_name(errno) : "");
    expect("epoll_wait: EINTR", r == -1 && errno == EINTR);

    handled = 0;
    arm(50);
    r = pause();
    printf("pause: %d %s\n", r, errno_name(errno));
    expect("pause: EINTR after the handler", r == -1 && errno == EINTR && handled == 1);

    set_handler(SIGUSR1, 0);
    sigset_t usr1, old, during;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, &old);
    pthread_create(&t, NULL, late_kill, NULL);
    sigemptyset(&during);
    handled = 0;
    r = sigsuspend(&during);
    pthread_join(t, NULL);
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("sigsuspend: %d %s\n", r, errno_name(errno));
    expect("sigsuspend: EINTR after the handler", r == -1 && errno == EINTR && handled == 1);
    expect("sigsuspend: old mask back", sigismember(&now, SIGUSR1));

    kill(getpid(), SIGUSR1);
    sigset_t pend;
    sigpending(&pend);
    expect("sigpending shows the blocked signal", sigismember(&pend, SIGUSR1));
    siginfo_t si;
    struct timespec zero = {0, 10 * 1000 * 1000};
    r = sigtimedwait(&usr1, &si, &zero);
    printf("sigtimedwait: %d code %d\n", r, si.si_code);
    expect("sigtimedwait took it", r == SIGUSR1 && si.si_code == SI_USER && si.si_pid == getpid() && handled == 1);
    r = sigtimedwait(&usr1, &si, &zero);
    printf("sigtimedwait again: %d %s\n", r, errno_name(errno));
    expect("sigtimedwait: EAGAIN on timeout", r == -1 && errno == EAGAIN);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return check_failures ? 1 : 0;
}
