/*
 * Clocks: CLOCK_MONOTONIC never goes back, realtime is plausible and agrees with
 * gettimeofday and time, resolution is fine, CPU-time clocks work; bad clock id → EINVAL,
 * bad pointer → EFAULT (raw syscalls, so no vDSO is involved).
 */
#include "check.h"
#include <sys/time.h>
#include <time.h>

static long long ns(struct timespec t)
{
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
    struct timespec prev, now;
    clock_gettime(CLOCK_MONOTONIC, &prev);
    int backwards = 0;
    for (int i = 0; i < 10000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (ns(now) < ns(prev))
            backwards++;
        prev = now;
    }
    expect("monotonic non-decreasing", backwards == 0);

    struct timespec real;
    SHOW("clock_gettime(REALTIME)", clock_gettime(CLOCK_REALTIME, &real));
    expect("realtime after 2020", real.tv_sec > 1577836800);
    expect("tv_nsec in range", real.tv_nsec >= 0 && real.tv_nsec < 1000000000);
    struct timeval tv;
    SHOW("gettimeofday", gettimeofday(&tv, NULL));
    expect("gettimeofday within 2 s of realtime", labs(tv.tv_sec - real.tv_sec) <= 2);
    expect("time within 2 s of realtime", labs(time(NULL) - real.tv_sec) <= 2);

    struct timespec res;
    SHOW("clock_getres(MONOTONIC)", clock_getres(CLOCK_MONOTONIC, &res));
    expect("resolution <= 1 ms", res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000);

    struct timespec boot, mono;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    SHOW("clock_gettime(BOOTTIME)", clock_gettime(CLOCK_BOOTTIME, &boot));
    expect("boottime >= monotonic", ns(boot) >= ns(mono));

    struct timespec cpu1, cpu2;
    SHOW("clock_gettime(PROCESS_CPUTIME)", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1));
    /* spin until the CPU clock moves, up to 5 s of wall time: on hosts whose scheduler clock
     * ticks coarsely (some CI VMs) a fixed short loop may finish within one tick */
    struct timespec wall0, wall;
    clock_gettime(CLOCK_MONOTONIC, &wall0);
    volatile unsigned long spin = 0;
    do {
        for (unsigned long i = 0; i < 200000; i++)
            spin += i;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu2);
        clock_gettime(CLOCK_MONOTONIC, &wall);
    } while (ns(cpu2) <= ns(cpu1) && ns(wall) - ns(wall0) < 5000000000LL);
    expect("process CPU time advances", ns(cpu2) > ns(cpu1));
    SHOW("clock_gettime(THREAD_CPUTIME)", clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1));

    EXPECT_ERRNO("clock_gettime(clock 1234)", syscall(SYS_clock_gettime, 1234, &now), EINVAL);
    EXPECT_ERRNO("clock_gettime(bad pointer)", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)1), EFAULT);
    EXPECT_ERRNO("gettimeofday(bad pointer)", syscall(SYS_gettimeofday, (void *)1, NULL), EFAULT);
    return check_status();
}
