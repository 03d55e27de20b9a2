/* poll and ppoll: POLLNVAL for closed fds while the others are still polled, negative fds
 * skipped, hangups, timeouts, the sigmask and timeout arguments, and a wait woken by a thread. */
#include "check.h"
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <time.h>

static int wake_fd;

static void *wake_later(void *arg)
{
    usleep(50000);
    uint64_t one = 1;
    write(wake_fd, &one, 8);
    return NULL;
}

static long ms_since(struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

int main(void)
{
    int p[2];
    pipe(p);
    int efd = eventfd(1, EFD_NONBLOCK);
    int file = open("/proc/self/exe", O_RDONLY);
    struct pollfd fds[6] = {
        {.fd = p[0], .events = POLLIN},
        {.fd = p[1], .events = POLLOUT},
        {.fd = 999, .events = POLLIN},
        {.fd = -1, .events = POLLIN, .revents = 0x7},
        {.fd = efd, .events = POLLIN | POLLOUT},
        {.fd = file, .events = POLLIN | POLLOUT | POLLPRI},
    };
    int n = poll(fds, 6, 0);
    printf("poll: %d\n", n);
    for (int i = 0; i < 6; i++)
        printf("  fd[%d] revents %#x\n", i, fds[i].revents);

    write(p[1], "x", 1);
    fds[0].revents = 0;
    n = poll(fds, 1, 0);
    printf("pipe with data: %d revents %#x\n", n, fds[0].revents);
    close(p[1]);
    n = poll(fds, 1, 0);
    printf("writer closed, data left: %d revents %#x\n", n, fds[0].revents);
    char c;
    read(p[0], &c, 1);
    n = poll(fds, 1, 0);
    printf("writer closed, empty: %d revents %#x\n", n, fds[0].revents);
    fds[0].events = 0;
    n = poll(fds, 1, 0);
    printf("no events asked: %d revents %#x\n", n, fds[0].revents);
    close(p[0]);

    /* the write end with its reader gone */
    pipe(p);
    close(p[0]);
    struct pollfd w = {.fd = p[1], .events = POLLOUT};
    n = poll(&w, 1, 0);
    printf("reader gone: %d revents %#x\n", n, w.revents);
    close(p[1]);

    /* timeouts */
    struct timespec t0;
    pipe(p);
    struct pollfd r = {.fd = p[0], .events = POLLIN};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    n = poll(&r, 1, 60);
    printf("timed poll: %d\n", n);
    expect("poll timeout honoured", ms_since(&t0) >= 55);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    n = poll(NULL, 0, 40);
    printf("poll as sleep: %d\n", n);
    expect("poll sleep honoured", ms_since(&t0) >= 35);

    /* ppoll: timespec, sigmask checks, and the raw syscall's timeout write-back */
    struct timespec ts = {0, 30000000};
    sigset_t mask;
    sigemptyset(&mask);
    n = ppoll(&r, 1, &ts, &mask);
    printf("ppoll timed out: %d\n", n);
    struct timespec bad = {0, 1000000000};
    EXPECT_ERRNO("ppoll bad timespec", ppoll(&r, 1, &bad, NULL), EINVAL);
    EXPECT_ERRNO("ppoll bad sigset size", syscall(SYS_ppoll, &r, 1, &ts, &mask, 4), EINVAL);
    SHOW("ppoll NULL sigset, any size", syscall(SYS_ppoll, &r, 1, &ts, NULL, 4));
    struct timespec left = {5, 0};
    write(p[1], "y", 1);
    n = syscall(SYS_ppoll, &r, 1, &left, NULL, 8);
    printf("raw ppoll ready at once: %d, time left > 4s: %s\n", n, left.tv_sec >= 4 ? "yes" : "no");
    read(p[0], &c, 1);
    struct timespec zero = {0, 0};
    n = syscall(SYS_ppoll, &r, 1, &zero, NULL, 8);
    printf("raw ppoll zero timeout: %d\n", n);

    /* argument errors */
    struct rlimit lim;
    getrlimit(RLIMIT_NOFILE, &lim);
    EXPECT_ERRNO("nfds above RLIMIT_NOFILE", poll(&r, lim.rlim_cur + 1, 0), EINVAL);
    EXPECT_ERRNO("unreadable array", poll((struct pollfd *)8, 1, 0), EFAULT);

    /* a blocking poll on several fds, woken by another thread */
    wake_fd = eventfd(0, EFD_NONBLOCK);
    struct pollfd many[3] = {
        {.fd = p[0], .events = POLLIN},
        {.fd = wake_fd, .events = POLLIN},
        {.fd = 998, .events = POLLIN},
    };
    n = poll(many, 2, 0);
    printf("nothing yet: %d\n", n);
    pthread_t t;
    pthread_create(&t, NULL, wake_later, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    n = poll(many, 2, 5000);
    printf("woken: %d pipe %#x eventfd %#x\n", n, many[0].revents, many[1].revents);
    expect("woken by the write, not the timeout", ms_since(&t0) < 4000);
    pthread_join(t, NULL);
    n = poll(many, 3, -1);
    printf("closed fd counts, infinite timeout returns: %d nval %#x\n", n, many[2].revents);
    close(wake_fd);
    close(efd);
    close(file);
    close(p[0]);
    close(p[1]);
    return check_status();
}
