/*
 * The null syscall of null-syscall.c in a process that has a second thread (blocked in read on a
 * pipe the whole time). Natively nothing changes; an emulator that serves syscalls of
 * multi-threaded processes differently (osgix leaves the CPU engine for each one) shows it here.
 */
#include "bench.h"
#include <pthread.h>
#include <unistd.h>
#include <sys/syscall.h>

static int idle_pipe[2];

static void *idle_thread(void *unused)
{
    (void)unused;
    char c;
    while (read(idle_pipe[0], &c, 1) < 0 && errno == EINTR)
        ;
    return NULL;
}

static long batch(long n)
{
    for (long i = 0; i < n; i++)
        syscall(SYS_getppid);
    return n;
}

int main(int argc, char **argv)
{
    const char *name = "null-syscall-mt";
    if (pipe(idle_pipe) != 0)
        return bench_unavailable(name, "pipe", errno);
    pthread_t thread;
    int err = pthread_create(&thread, NULL, idle_thread, NULL);
    if (err != 0)
        return bench_unavailable(name, "pthread_create", err);
    struct bench b = { name, batch, 1000, 100000 };
    int status = bench_main(&b, argc, argv);
    char c = 'q';
    if (write(idle_pipe[1], &c, 1) == 1)
        pthread_join(thread, NULL);
    return status;
}
