/*
 * POSIX timers: timer_create with SIGEV_SIGNAL (si_code SI_TIMER, si_value, si_timerid),
 * periodic expirations, timer_gettime, SIGEV_NONE (armed, no signal), SIGEV_THREAD_ID aimed at
 * a thread, TIMER_ABSTIME on CLOCK_MONOTONIC, timer_delete and its EINVAL afterwards.
 * osgix-test: no-musl (musl has no SIGEV_THREAD_ID field name)
 */
#include "check.h"
#include <signal.h>
#include <time.h>

static volatile int ticks, last_code, last_value, last_tid;

static void on_timer(int sig, siginfo_t *si, void *ctx)
{
    ticks++;
    last_code = si->si_code;
    last_value = si->si_value.sival_int;
    last_tid = gettid();
}

static void nap(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1)
        ;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_timer;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGRTMIN, &sa, NULL);

    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN;
    sev.sigev_value.sival_int = 77;
    timer_t t;
    expect("timer_create", timer_create(CLOCK_MONOTONIC, &sev, &t) == 0);
    struct itimerspec its = {.it_interval = {0, 10 * 1000000L}, .it_value = {0, 10 * 1000000L}};
    timer_settime(t, 0, &its, NULL);
    while (ticks < 3)
        nap(5);
    struct itimerspec cur;
    timer_gettime(t, &cur);
    expect("periodic: gettime shows the interval", cur.it_interval.tv_nsec == 10 * 1000000L);
    expect("periodic: si_code SI_TIMER, si_value", last_code == SI_TIMER && last_value == 77);
    timer_delete(t);
    int seen = ticks;
    nap(50);
    expect("deleted: no more signals", ticks == seen);
    errno = 0;
    expect("deleted: gettime EINVAL", timer_gettime(t, &cur) == -1 && errno == EINVAL);

    sev.sigev_notify = SIGEV_NONE;
    timer_t quiet;
    timer_create(CLOCK_REALTIME, &sev, &quiet);
    struct itimerspec once = {.it_value = {2, 0}};
    timer_settime(quiet, 0, &once, NULL);
    timer_gettime(quiet, &cur);
    expect("SIGEV_NONE: armed", cur.it_value.tv_sec == 1 || cur.it_value.tv_sec == 2);
    timer_delete(quiet);

    sev.sigev_notify = SIGEV_THREAD_ID;
    sev._sigev_un._tid = gettid();
    sev.sigev_value.sival_int = 5;
    timer_t mine;
    expect("SIGEV_THREAD_ID create", timer_create(CLOCK_MONOTONIC, &sev, &mine) == 0);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct itimerspec abs = {.it_value = {now.tv_sec, now.tv_nsec}};
    abs.it_value.tv_nsec += 20 * 1000000L;
    if (abs.it_value.tv_nsec >= 1000000000L) {
        abs.it_value.tv_sec++;
        abs.it_value.tv_nsec -= 1000000000L;
    }
    seen = ticks;
    timer_settime(mine, TIMER_ABSTIME, &abs, NULL);
    while (ticks == seen)
        nap(5);
    printf("thread timer: value %d\n", last_value);
    expect("SIGEV_THREAD_ID: our thread, our value", last_tid == gettid() && last_value == 5);
    timer_delete(mine);

    sev.sigev_notify = SIGEV_THREAD_ID;
    sev._sigev_un._tid = 999999;
    errno = 0;
    expect("SIGEV_THREAD_ID to a stranger: EINVAL", timer_create(CLOCK_MONOTONIC, &sev, &mine) == -1 && errno == EINVAL);
    return check_failures ? 1 : 0;
}
