/*
 * Which interrupted waits restart, per Linux's rules: an untimed FUTEX_WAIT restarts after a
 * SA_RESTART handler (-ERESTARTSYS) and fails with EINTR without SA_RESTART; a timed FUTEX_WAIT
 * (relative, or FUTEX_WAIT_BITSET's absolute), nanosleep and clock_nanosleep fail with EINTR
 * after any handler, even with SA_RESTART (-ERESTART_RESTARTBLOCK), and a relative sleep reports
 * the time left; a signal that runs no handler (ignored by default or by SIG_IGN) never ends a
 * sleep or a timed wait early and never makes it start again: it ends on time.
 */
#include "check.h"
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>

static volatile sig_atomic_t handled;
static int word;
static pid_t main_tid;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
}

static void handler(int flags)
{
    struct sigaction sa = {.sa_handler = on_usr1, .sa_flags = flags};
    sigaction(SIGUSR1, &sa, NULL);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

/* After 50 ms sends each signal of the list to the main thread, 50 ms apart; then, if wake is
 * set, wakes the futex word. */
struct plan {
    int sigs[3];
    int wake;
};

static void *helper(void *arg)
{
    struct plan *p = arg;
    for (int i = 0; p->sigs[i]; i++) {
        sleep_ms(50);
        syscall(SYS_tgkill, getpid(), main_tid, p->sigs[i]);
    }
    if (p->wake) {
        sleep_ms(100);
        __atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
        syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    }
    return NULL;
}

static pthread_t start(struct plan *p)
{
    pthread_t t;
    handled = 0;
    word = 0;
    pthread_create(&t, NULL, helper, p);
    return t;
}

static long futex_wait(const struct timespec *timeout)
{
    return syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, timeout, NULL, 0);
}

int main(void)
{
    main_tid = (pid_t)current_tid();
    struct plan usr1_then_wake = {{SIGUSR1, 0}, 1};
    struct plan usr1 = {{SIGUSR1, 0}, 0};
    struct plan ignored = {{SIGWINCH, SIGURG, 0}, 0};

    /* untimed FUTEX_WAIT */
    handler(SA_RESTART);
    pthread_t t = start(&usr1_then_wake);
    SHOW("untimed FUTEX_WAIT, SA_RESTART", futex_wait(NULL));
    pthread_join(t, NULL);
    printf("  handler ran: %d, woken by FUTEX_WAKE: %d\n", handled, word);
    handler(0);
    t = start(&usr1_then_wake);
    SHOW("untimed FUTEX_WAIT, no SA_RESTART", futex_wait(NULL));
    pthread_join(t, NULL);
    printf("  handler ran: %d\n", handled);

    /* timed FUTEX_WAIT: EINTR even with SA_RESTART */
    handler(SA_RESTART);
    struct timespec two_s = {2, 0};
    long long t0 = now_ms();
    t = start(&usr1);
    EXPECT_ERRNO("timed FUTEX_WAIT, SA_RESTART", futex_wait(&two_s), EINTR);
    pthread_join(t, NULL);
    printf("  handler ran: %d, ended early: %d\n", handled, now_ms() - t0 < 1000);
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_sec += 2;
    t = start(&usr1);
    EXPECT_ERRNO("FUTEX_WAIT_BITSET absolute, SA_RESTART",
                 syscall(SYS_futex, &word, FUTEX_WAIT_BITSET_PRIVATE, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY), EINTR);
    pthread_join(t, NULL);
    printf("  handler ran: %d\n", handled);

    /* nanosleep and clock_nanosleep: EINTR even with SA_RESTART, with the time left */
    struct timespec half = {0, 500 * 1000000L}, rem = {0, 0};
    t = start(&usr1);
    EXPECT_ERRNO("nanosleep, SA_RESTART", nanosleep(&half, &rem), EINTR);
    pthread_join(t, NULL);
    long left = rem.tv_sec * 1000 + rem.tv_nsec / 1000000;
    printf("  handler ran: %d, time left between 250 and 460 ms: %d\n", handled, left >= 250 && left <= 460);
    rem = (struct timespec){0, 0};
    t = start(&usr1);
    int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &half, &rem);
    pthread_join(t, NULL);
    left = rem.tv_sec * 1000 + rem.tv_nsec / 1000000;
    printf("clock_nanosleep relative, SA_RESTART: %s, handler ran: %d, time left between 250 and 460 ms: %d\n",
           errno_name(r), handled, left >= 250 && left <= 460);
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_sec += 2;
    rem = (struct timespec){7, 7};
    t = start(&usr1);
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, &rem);
    pthread_join(t, NULL);
    printf("clock_nanosleep TIMER_ABSTIME, SA_RESTART: %s, handler ran: %d, rem untouched: %d\n", errno_name(r),
           handled, rem.tv_sec == 7 && rem.tv_nsec == 7);

    /* signals that run no handler: the wait ends on time, neither early nor late */
    struct sigaction ign = {.sa_handler = SIG_IGN};
    sigaction(SIGUSR2, &ign, NULL);
    ignored.sigs[2] = SIGUSR2;
    struct timespec fifth = {0, 300 * 1000000L};
    t0 = now_ms();
    t = start(&ignored);
    SHOW("nanosleep through ignored signals", nanosleep(&fifth, NULL));
    pthread_join(t, NULL);
    long long took = now_ms() - t0;
    printf("  took 300 ms, not more than 450: %d\n", took >= 300 && took < 450);
    t0 = now_ms();
    t = start(&ignored);
    EXPECT_ERRNO("timed FUTEX_WAIT through ignored signals", futex_wait(&fifth), ETIMEDOUT);
    pthread_join(t, NULL);
    took = now_ms() - t0;
    printf("  took 300 ms, not more than 450: %d\n", took >= 300 && took < 450);
    t0 = now_ms();
    t = start(&ignored);
    r = clock_nanosleep(CLOCK_MONOTONIC, 0, &fifth, NULL);
    pthread_join(t, NULL);
    took = now_ms() - t0;
    printf("clock_nanosleep through ignored signals: %s, took 300 ms, not more than 450: %d\n", errno_name(r),
           took >= 300 && took < 450);
    return check_status();
}
