/*
 * Sleeping: nanosleep 50 ms, relative and absolute clock_nanosleep really wait at least that
 * long on CLOCK_MONOTONIC; out-of-range timespecs → EINVAL, zero sleep returns at once.
 * (A bad timespec pointer is in efault.c.)
 */
#include "check.h"
#include <time.h>

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
    long long start = now_ns();
    struct timespec fifty = {0, 50 * 1000000};
    SHOW("nanosleep(50 ms)", nanosleep(&fifty, NULL));
    expect("waited >= 50 ms", now_ns() - start >= 50000000LL);

    start = now_ns();
    struct timespec twenty = {0, 20 * 1000000};
    SHOW("clock_nanosleep(relative 20 ms)", syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &twenty, NULL));
    expect("waited >= 20 ms", now_ns() - start >= 20000000LL);

    long long target = now_ns() + 30000000LL;
    struct timespec until = {target / 1000000000LL, target % 1000000000LL};
    SHOW("clock_nanosleep(absolute +30 ms)",
         syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL));
    expect("woke at or after the deadline", now_ns() >= target);

    struct timespec zero = {0, 0};
    SHOW("nanosleep(0)", nanosleep(&zero, NULL));
    struct timespec too_many_ns = {0, 1000000000};
    EXPECT_ERRNO("nanosleep(tv_nsec = 1e9)", syscall(SYS_nanosleep, &too_many_ns, NULL), EINVAL);
    struct timespec negative = {-1, 0};
    EXPECT_ERRNO("nanosleep(tv_sec = -1)", syscall(SYS_nanosleep, &negative, NULL), EINVAL);
    printf("ok\n");
    return check_status();
}
