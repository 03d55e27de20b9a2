/*
 * Shared timing loop of the guest micro-benchmarks in bench/.
 *
 * Every benchmark prints one line "NAME: X ns/op" (or "NAME: n/a (reason)" and exits 1), so the
 * runner can parse the same output natively, under qemu-user and under osgix. Warm-up runs first
 * because under osgix the JVM compiles the trap path only after many syscalls; then batches run
 * until a minimum time has passed, so slow environments do not take forever and fast ones still
 * measure long enough. Usage of every benchmark: PROGRAM [TIMED_MS [WARM_MS]].
 */
#ifndef OSGIX_BENCH_H
#define OSGIX_BENCH_H
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Runs n operations; returns how many it ran, or -1 after printing why it failed. */
typedef long (*bench_batch)(long n);

struct bench {
    const char *name;
    bench_batch batch;
    long batch_ops;  /* operations per clock read: keep a batch well above a clock_gettime */
    long warm_ops;   /* minimum warm-up operations, on top of the minimum warm-up time */
};

static inline double bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Prints the "n/a" line for a benchmark that cannot run here and returns the exit status. */
static inline int bench_unavailable(const char *name, const char *what, int err)
{
    printf("%s: n/a (%s: %s)\n", name, what, strerror(err));
    fflush(stdout);
    return 1;
}

/* Runs batches until both op_floor operations and ms milliseconds are done; returns ops or -1. */
static inline long bench_loop(const struct bench *b, long op_floor, double ms, double *elapsed_ns)
{
    long ops = 0;
    double start = bench_now_ns(), now = start;
    while (ops < op_floor || now - start < ms * 1e6) {
        long done = b->batch(b->batch_ops);
        if (done < 0)
            return -1;
        ops += done;
        now = bench_now_ns();
    }
    *elapsed_ns = now - start;
    return ops;
}

static inline int bench_main(const struct bench *b, int argc, char **argv)
{
    double timed_ms = argc > 1 ? atof(argv[1]) : 500;
    double warm_ms = argc > 2 ? atof(argv[2]) : 300;
    double elapsed;
    if (bench_loop(b, b->warm_ops, warm_ms, &elapsed) < 0)
        return 1;
    long ops = bench_loop(b, 1, timed_ms, &elapsed);
    if (ops < 0)
        return 1;
    printf("%s: %.1f ns/op\n", b->name, elapsed / ops);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("bench: writing the result");
        return 1;
    }
    return 0;
}

/* For batches: report a failed call as n/a and stop the benchmark. */
#define BENCH_CHECK(name, cond, what)                     \
    do {                                                  \
        if (!(cond)) {                                    \
            bench_unavailable((name), (what), errno);     \
            return -1;                                    \
        }                                                 \
    } while (0)

#endif
