/*
 * Raw futex operations: value mismatch → EAGAIN, relative and absolute timeouts →
 * ETIMEDOUT after at least the time asked, wake counts, a real wait/wake between two
 * threads, unaligned address → EINVAL, unknown operation → ENOSYS.
 */
#include "check.h"
#include <pthread.h>
#include <time.h>

static int word;
static int woken_value;

static long futex(int *addr, int op, int val, const struct timespec *timeout, int val3)
{
    return syscall(SYS_futex, addr, op, val, timeout, NULL, val3);
}

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *waiter(void *arg)
{
    while (__atomic_load_n(&word, __ATOMIC_SEQ_CST) == 0)
        futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, 0);
    woken_value = word;
    return arg;
}

int main(void)
{
    EXPECT_ERRNO("WAIT with a different value", futex(&word, FUTEX_WAIT, 1, NULL, 0), EAGAIN);

    struct timespec ten_ms = {0, 10 * 1000000};
    long long start = now_ns();
    EXPECT_ERRNO("WAIT 10 ms", futex(&word, FUTEX_WAIT_PRIVATE, 0, &ten_ms, 0), ETIMEDOUT);
    expect("waited >= 10 ms", now_ns() - start >= 10000000LL);

    long long deadline = now_ns() + 15000000LL;
    struct timespec absolute = {deadline / 1000000000LL, deadline % 1000000000LL};
    EXPECT_ERRNO("WAIT_BITSET until +15 ms",
                 futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &absolute, FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
    expect("woke after the deadline", now_ns() >= deadline);

    SHOW("WAKE without waiters", futex(&word, FUTEX_WAKE, 1, NULL, 0));

    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    /* The word stays 0, so a woken waiter just waits again: wake until one wake finds it. */
    struct timespec ms = {0, 1000000};
    long woke = 0;
    for (int i = 0; i < 5000 && woke == 0; i++) {
        nanosleep(&ms, NULL);
        woke = futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, 0);
    }
    printf("WAKE with one waiter woke: %ld\n", woke);
    __atomic_store_n(&word, 7, __ATOMIC_SEQ_CST);
    futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, 0);
    pthread_join(t, NULL);
    printf("waiter saw: %d\n", woken_value);

    EXPECT_ERRNO("WAIT at an unaligned address", futex((int *)((char *)&word + 1), FUTEX_WAIT, 0, NULL, 0), EINVAL);
    EXPECT_ERRNO("operation 99", futex(&word, 99, 0, NULL, 0), ENOSYS);
    return check_status();
}
