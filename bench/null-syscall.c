/* Null syscall cost: N getppid() calls through the raw syscall instruction; prints ns per call. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    for (long i = 0; i < n / 10; i++) /* warm-up: lets the JIT compile the trap path */
        syscall(SYS_getppid);
    double t0 = now_ns();
    for (long i = 0; i < n; i++)
        syscall(SYS_getppid);
    double t1 = now_ns();
    printf("null-syscall: %.1f ns/op\n", (t1 - t0) / n);
    return 0;
}
