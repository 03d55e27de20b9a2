/*
 * usage: getrusage and times count the program's own threads: CPU time burned by the main thread
 * and by a thread that has ended, RUSAGE_THREAD of one thread, ru_maxrss after touching 32 MiB,
 * no children yet, and the errors (EINVAL for an unknown who, EFAULT for a bad pointer). The
 * upper bounds on times catch an emulator that reports its own (JVM) usage instead of the guest's;
 * ru_maxrss has none: natively it keeps the high-water mark of the image before execve, which for
 * a program started by a JVM (the test runner) is the JVM's.
 */
#include "check.h"
#include <pthread.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>

#ifndef RUSAGE_THREAD
#define RUSAGE_THREAD 1
#endif

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static volatile unsigned long sink;

static void burn(double seconds)
{
    double start = cpu_seconds();
    while (cpu_seconds() - start < seconds)
        for (int i = 0; i < 100000; i++)
            sink += i;
}

static double total(const struct rusage *u)
{
    return u->ru_utime.tv_sec + u->ru_utime.tv_usec / 1e6 + u->ru_stime.tv_sec + u->ru_stime.tv_usec / 1e6;
}

static void *worker(void *arg)
{
    (void) arg;
    burn(0.3);
    struct rusage u;
    syscall(SYS_getrusage, RUSAGE_THREAD, &u);
    expect("RUSAGE_THREAD counts the thread's 0.3 s", total(&u) >= 0.25 && total(&u) < 1.0);
    return NULL;
}

static void result(const char *label, long r)
{
    printf("%s: %s\n", label, r == -1 ? errno_name(errno) : "0");
}

int main(void)
{
    struct rusage u;
    result("getrusage who 2", syscall(SYS_getrusage, 2, &u));
    result("getrusage who -2", syscall(SYS_getrusage, -2, &u));
    result("getrusage bad pointer", syscall(SYS_getrusage, RUSAGE_SELF, (void *) 8));
    result("times bad pointer", syscall(SYS_times, (void *) 8));
    errno = 0;
    long t0 = syscall(SYS_times, NULL);
    expect("times(NULL) succeeds", t0 != -1 && errno == 0);

    syscall(SYS_getrusage, RUSAGE_SELF, &u);
    expect("a fresh program used under 1 s", total(&u) < 1.0);
    burn(0.4);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    syscall(SYS_getrusage, RUSAGE_SELF, &u);
    double self = total(&u);
    expect("RUSAGE_SELF counts both threads (0.7 s)", self >= 0.6);
    expect("RUSAGE_SELF is the program's, not more", self < 2.5);
    struct tms tms;
    long t1 = syscall(SYS_times, &tms);
    expect("times advanced", t1 >= t0);
    expect("tms_utime + tms_stime agree with getrusage",
           (tms.tms_utime + tms.tms_stime) / 100.0 >= self - 0.05 && (tms.tms_utime + tms.tms_stime) / 100.0 < self + 1.0);
    printf("tms_cutime + tms_cstime: %ld\n", (long) (tms.tms_cutime + tms.tms_cstime));

    size_t size = 32 << 20;
    char *block = malloc(size);
    for (size_t i = 0; i < size; i += 4096)
        block[i] = 1;
    syscall(SYS_getrusage, RUSAGE_SELF, &u);
    expect("ru_maxrss counts the 32 MiB touched", u.ru_maxrss >= 32 * 1024);
    free(block);

    syscall(SYS_getrusage, RUSAGE_CHILDREN, &u);
    printf("children so far: %.2f s, maxrss %ld\n", total(&u), u.ru_maxrss);
    return check_failures ? 1 : 0;
}
