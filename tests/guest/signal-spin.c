/*
 * A signal reaches a thread that spins in guest code without syscalls: another thread sends it
 * with pthread_kill (tgkill), the handler sets a flag the spinning loop waits for. Also a
 * timer (ITIMER_REAL) interrupting a busy loop of the main thread.
 */
#include "check.h"
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>

static volatile int stop_flag, alarm_seen;
static volatile unsigned long spins;

static void on_usr1(int sig)
{
    stop_flag = 1;
}

static void on_alarm(int sig)
{
    alarm_seen = 1;
}

static void *spinner(void *arg)
{
    while (!stop_flag)
        spins++;
    return NULL;
}

int main(void)
{
    signal(SIGUSR1, on_usr1);
    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    while (spins == 0)
        ;
    pthread_kill(t, SIGUSR1);
    pthread_join(t, NULL);
    expect("spinning thread ran its handler", stop_flag == 1);

    signal(SIGALRM, on_alarm);
    struct itimerval it = {.it_value = {.tv_sec = 0, .tv_usec = 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    unsigned long n = 0;
    while (!alarm_seen)
        n++;
    expect("busy main thread got SIGALRM", alarm_seen == 1);
    return check_failures ? 1 : 0;
}
