/*
 * Interval timers: alarm's return value (remaining seconds, rounded), getitimer's remaining
 * time, a periodic ITIMER_REAL delivering SIGALRM repeatedly, disarming; sigaltstack reports
 * SS_ONSTACK inside a handler on the alternate stack and refuses changes there (EPERM).
 */
#include "check.h"
#include <signal.h>
#include <sys/time.h>
#include <time.h>

static volatile int ticks, alt_flags = -1, alt_change = -1;
static char altstack[65536];

static void on_alarm(int sig)
{
    ticks++;
}

static void on_usr1(int sig)
{
    stack_t cur, next = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(NULL, &cur);
    alt_flags = cur.ss_flags;
    alt_change = sigaltstack(&next, NULL) == -1 ? errno : 0;
}

int main(void)
{
    signal(SIGALRM, on_alarm);
    unsigned first = alarm(100);
    unsigned left = alarm(0);
    printf("alarm: %u then %u\n", first, left);
    expect("alarm returns the remaining seconds", first == 0 && left == 100);

    struct itimerval it = {.it_value = {.tv_sec = 30}}, got;
    setitimer(ITIMER_REAL, &it, NULL);
    getitimer(ITIMER_REAL, &got);
    expect("getitimer: remaining time", got.it_value.tv_sec == 29 || got.it_value.tv_sec == 30);
    expect("getitimer: no interval", got.it_interval.tv_sec == 0 && got.it_interval.tv_usec == 0);

    struct itimerval periodic = {.it_interval = {.tv_usec = 20000}, .it_value = {.tv_usec = 20000}};
    setitimer(ITIMER_REAL, &periodic, NULL);
    while (ticks < 3) {
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    struct itimerval off = {{0, 0}, {0, 0}}, was;
    setitimer(ITIMER_REAL, &off, &was);
    int seen = ticks;
    printf("periodic interval: %ld us\n", (long) was.it_interval.tv_usec);
    expect("periodic timer fired repeatedly", seen >= 3);
    expect("old value reports the interval", was.it_interval.tv_usec == 20000);
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
    expect("disarmed: no more ticks", ticks == seen);
    getitimer(ITIMER_REAL, &got);
    expect("disarmed: getitimer zero", got.it_value.tv_sec == 0 && got.it_value.tv_usec == 0);

    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    kill(getpid(), SIGUSR1);
    printf("in handler: ss_flags %d, change %s\n", alt_flags, alt_change ? errno_name(alt_change) : "ok");
    expect("SS_ONSTACK inside the handler", alt_flags == SS_ONSTACK);
    expect("EPERM changing the stack in use", alt_change == EPERM);
    stack_t after;
    sigaltstack(NULL, &after);
    expect("outside: enabled, not on it", after.ss_flags == 0);
    return check_failures ? 1 : 0;
}
