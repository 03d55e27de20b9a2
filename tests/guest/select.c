/* select and pselect: the fd_set bit layout, EBADF for a closed fd (unlike poll), readable,
 * writable and hangup, the timeout written back, timeout validation and the sigmask argument. */
#include "check.h"
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <time.h>

static int wake_fd;

static void *wake_later(void *arg)
{
    usleep(50000);
    uint64_t one = 1;
    write(wake_fd, &one, 8);
    return NULL;
}

static void show_set(const char *label, fd_set *s, int n)
{
    printf("%s:", label);
    for (int fd = 0; fd < n; fd++)
        if (FD_ISSET(fd, s))
            printf(" %d", fd);
    printf("\n");
}

int main(void)
{
    /* fd_set is an array of longs, bit fd % 64 of word fd / 64 */
    fd_set s;
    FD_ZERO(&s);
    FD_SET(3, &s);
    FD_SET(70, &s);
    unsigned long *words = (unsigned long *)&s;
    printf("fd_set words: %#lx %#lx, size %zu\n", words[0], words[1], sizeof s);

    int p[2];
    pipe(p);
    int efd = eventfd(0, EFD_NONBLOCK);
    int top = (p[0] > p[1] ? p[0] : p[1]);
    top = top > efd ? top : efd;
    fd_set rd, wr, ex;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_ZERO(&ex);
    FD_SET(p[0], &rd);
    FD_SET(efd, &rd);
    FD_SET(p[1], &wr);
    FD_SET(efd, &wr);
    FD_SET(p[0], &ex);
    struct timeval tv = {0, 0};
    int n = select(top + 1, &rd, &wr, &ex, &tv);
    printf("select: %d\n", n);
    show_set("  readable", &rd, top + 1);
    show_set("  writable", &wr, top + 1);
    show_set("  exceptional", &ex, top + 1);

    write(p[1], "x", 1);
    close(p[1]);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    n = select(p[0] + 1, &rd, NULL, NULL, &tv);
    printf("data and hangup: %d readable %d\n", n, FD_ISSET(p[0], &rd));

    /* EBADF for a closed descriptor, even with others ready */
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &rd);
    EXPECT_ERRNO("closed fd in the set", select(p[1] + 1, &rd, NULL, NULL, &tv), EBADF);
    EXPECT_ERRNO("negative nfds", select(-1, NULL, NULL, NULL, &tv), EINVAL);
    struct timeval bad = {-1, 0};
    EXPECT_ERRNO("negative timeout", select(0, NULL, NULL, NULL, &bad), EINVAL);
    struct timeval carry = {0, 1500000};
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    n = select(p[0] + 1, &rd, NULL, NULL, &carry);
    printf("usec beyond a second is accepted: %d\n", n);
    EXPECT_ERRNO("unreadable set", select(1, (fd_set *)8, NULL, NULL, &tv), EFAULT);

    /* the time left is written back */
    int q[2];
    pipe(q);
    FD_ZERO(&rd);
    FD_SET(q[0], &rd);
    struct timeval wait = {0, 60000};
    n = select(q[0] + 1, &rd, NULL, NULL, &wait);
    printf("timed out: %d, set cleared: %d, time left %ld.%06ld\n", n, FD_ISSET(q[0], &rd), (long)wait.tv_sec,
           (long)wait.tv_usec);
    write(q[1], "y", 1);
    FD_ZERO(&rd);
    FD_SET(q[0], &rd);
    struct timeval longer = {5, 0};
    n = select(q[0] + 1, &rd, NULL, NULL, &longer);
    printf("ready at once: %d, time left > 4s: %s\n", n, longer.tv_sec >= 4 ? "yes" : "no");
    char c;
    read(q[0], &c, 1);

    /* select with no descriptors sleeps */
    struct timespec t0, t1;
    struct timeval nap = {0, 40000};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    n = select(0, NULL, NULL, NULL, &nap);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("select as sleep: %d\n", n);
    expect("slept", (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 >= 35);

    /* pselect: timespec, a signal mask, the raw syscall's checks */
    sigset_t mask;
    sigemptyset(&mask);
    struct timespec ts = {0, 20000000};
    FD_ZERO(&rd);
    FD_SET(q[0], &rd);
    n = pselect(q[0] + 1, &rd, NULL, NULL, &ts, &mask);
    printf("pselect timed out: %d\n", n);
    struct timespec badts = {0, -5};
    EXPECT_ERRNO("pselect bad timespec", pselect(0, NULL, NULL, NULL, &badts, NULL), EINVAL);
    struct {
        const sigset_t *ss;
        size_t len;
    } pack = {&mask, 4};
    EXPECT_ERRNO("pselect6 bad sigset size", syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &pack), EINVAL);
    pack.ss = NULL;
    SHOW("pselect6 NULL sigset, any size", syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &pack));
    struct timespec left = {5, 0};
    write(q[1], "z", 1);
    FD_ZERO(&rd);
    FD_SET(q[0], &rd);
    n = syscall(SYS_pselect6, q[0] + 1, &rd, NULL, NULL, &left, NULL);
    printf("raw pselect6 ready: %d, time left > 4s: %s\n", n, left.tv_sec >= 4 ? "yes" : "no");
    read(q[0], &c, 1);

    /* a blocking select on two fds, woken by another thread */
    wake_fd = eventfd(0, EFD_NONBLOCK);
    FD_ZERO(&rd);
    FD_SET(q[0], &rd);
    FD_SET(wake_fd, &rd);
    int m = q[0] > wake_fd ? q[0] : wake_fd;
    pthread_t t;
    pthread_create(&t, NULL, wake_later, NULL);
    n = select(m + 1, &rd, NULL, NULL, NULL);
    printf("woken: %d pipe %d eventfd %d\n", n, FD_ISSET(q[0], &rd), FD_ISSET(wake_fd, &rd));
    pthread_join(t, NULL);
    close(wake_fd);
    close(efd);
    close(p[0]);
    close(q[0]);
    close(q[1]);
    return check_status();
}
