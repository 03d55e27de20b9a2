/* Not a differential test (its output is timings): measures, from the guest, the round trip
 * eventfd write -> epoll_wait -> read, and epoll_wait with many registered fds and one ready.
 * Usage: epoll-bench [ITERATIONS] [REGISTERED] */
#include "check.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <time.h>

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
    int iterations = argc > 1 ? atoi(argv[1]) : 20000;
    int registered = argc > 2 ? atoi(argv[2]) : 10000;
    struct epoll_event ev = {.events = EPOLLIN}, out[64];
    uint64_t one = 1, v;

    int ep = epoll_create1(0);
    int efd = eventfd(0, EFD_NONBLOCK);
    epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
    for (int i = 0; i < iterations / 10; i++) { /* warm-up */
        write(efd, &one, 8);
        epoll_wait(ep, out, 64, -1);
        read(efd, &v, 8);
    }
    double t0 = now_us();
    for (int i = 0; i < iterations; i++) {
        write(efd, &one, 8);
        if (epoll_wait(ep, out, 64, -1) != 1)
            return 2;
        read(efd, &v, 8);
    }
    double t1 = now_us();
    printf("eventfd write -> epoll_wait -> read: %.2f us per iteration (%d iterations)\n",
           (t1 - t0) / iterations, iterations);

    struct rlimit lim = {registered + 64, registered + 64};
    setrlimit(RLIMIT_NOFILE, &lim);
    int *fds = malloc(sizeof(int) * registered);
    int big = epoll_create1(0);
    for (int i = 0; i < registered; i++) {
        fds[i] = eventfd(0, EFD_NONBLOCK);
        if (fds[i] < 0) {
            printf("eventfd %d failed: %s\n", i, strerror(errno));
            return 3;
        }
        ev.data.u32 = i;
        epoll_ctl(big, EPOLL_CTL_ADD, fds[i], &ev);
    }
    write(fds[registered / 2], &one, 8);
    for (int i = 0; i < iterations / 10; i++)
        epoll_wait(big, out, 64, 0);
    t0 = now_us();
    for (int i = 0; i < iterations; i++)
        if (epoll_wait(big, out, 64, 0) != 1)
            return 4;
    t1 = now_us();
    printf("epoll_wait, %d registered, 1 ready: %.2f us per call\n", registered, (t1 - t0) / iterations);

    t0 = now_us();
    for (int i = 0; i < iterations; i++)
        getppid();
    t1 = now_us();
    printf("null syscall (getppid) for reference: %.2f us\n", (t1 - t0) / iterations);
    return 0;
}
