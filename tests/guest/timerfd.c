/*
 * timerfd: a periodic CLOCK_MONOTONIC timer read for its expiration count, timerfd_gettime,
 * TFD_TIMER_ABSTIME, TFD_NONBLOCK (EAGAIN before expiry), readiness through poll and epoll,
 * disarming, and EINVAL for a descriptor that is no timerfd.
 */
#include "check.h"
#include <poll.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>

int main(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    expect("timerfd_create", fd >= 0);
    struct itimerspec its = {.it_interval = {0, 10 * 1000000L}, .it_value = {0, 10 * 1000000L}};
    expect("settime", timerfd_settime(fd, 0, &its, NULL) == 0);
    struct timespec ts = {0, 55 * 1000000L};
    nanosleep(&ts, NULL);
    uint64_t n = 0;
    ssize_t r = read(fd, &n, sizeof n);
    expect("read: 8 bytes, several expirations", r == 8 && n >= 4);
    struct itimerspec cur;
    timerfd_gettime(fd, &cur);
    expect("gettime: the interval", cur.it_interval.tv_nsec == 10 * 1000000L);

    struct pollfd p = {.fd = fd, .events = POLLIN};
    expect("poll: readable at the next expiry", poll(&p, 1, 1000) == 1 && (p.revents & POLLIN));
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN}, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    expect("epoll: readable", epoll_wait(ep, &out, 1, 1000) == 1);
    struct itimerspec off = {{0, 0}, {0, 0}};
    timerfd_settime(fd, 0, &off, NULL); /* also clears the expirations not read yet */
    expect("disarmed: epoll times out", epoll_wait(ep, &out, 1, 50) == 0);

    int nb = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct itimerspec abs = {.it_value = {now.tv_sec + 1, now.tv_nsec}};
    timerfd_settime(nb, TFD_TIMER_ABSTIME, &abs, NULL);
    errno = 0;
    r = read(nb, &n, sizeof n);
    printf("non-blocking read before expiry: %zd %s\n", r, errno_name(errno));
    expect("TFD_NONBLOCK: EAGAIN", r == -1 && errno == EAGAIN);
    timerfd_gettime(nb, &cur);
    long long left = cur.it_value.tv_sec * 1000000000LL + cur.it_value.tv_nsec;
    expect("ABSTIME: about a second left", left > 500000000LL && left <= 1000000000LL);

    int pipefd[2];
    pipe(pipefd);
    errno = 0;
    expect("settime on a pipe: EINVAL", timerfd_settime(pipefd[0], 0, &its, NULL) == -1 && errno == EINVAL);
    errno = 0;
    expect("bad flags: EINVAL", timerfd_create(CLOCK_MONOTONIC, 0x1) == -1 && errno == EINVAL);
    return check_failures ? 1 : 0;
}
