/* Closing things around epoll: a registered descriptor (its registration goes), the epoll
 * descriptor itself (registrations die with it), and an epoll fd other threads are waiting on. */
#include "check.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static int shared_ep;

static void *waiter(void *arg)
{
    struct epoll_event out[2];
    long n = epoll_wait(shared_ep, out, 2, 300);
    return (void *)n;
}

int main(void)
{
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 1}, out[4];
    int efd = eventfd(1, 0);
    epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
    SHOW("ready", epoll_wait(ep, out, 4, 0));
    close(efd);
    SHOW("registered fd closed", epoll_wait(ep, out, 4, 0));
    EXPECT_ERRNO("DEL closed fd", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL), EBADF);

    /* many registrations, then the epoll fd closes first */
    int fds[64];
    for (int i = 0; i < 64; i++) {
        fds[i] = eventfd(0, 0);
        ev.data.u64 = i;
        epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev);
    }
    SHOW("close epoll fd", close(ep));
    EXPECT_ERRNO("wait on closed epoll fd", epoll_wait(ep, out, 4, 0), EBADF);
    uint64_t one = 1, v;
    int ok = 1;
    for (int i = 0; i < 64; i++) {
        if (write(fds[i], &one, 8) != 8 || read(fds[i], &v, 8) != 8 || v != 1)
            ok = 0;
        close(fds[i]);
    }
    expect("watched fds work after the epoll fd closed", ok);

    /* an epoll fd in another epoll instance, closed: the outer registration goes */
    int outer = epoll_create1(0);
    int inner = epoll_create1(0);
    int e2 = eventfd(1, 0);
    epoll_ctl(inner, EPOLL_CTL_ADD, e2, &ev);
    epoll_ctl(outer, EPOLL_CTL_ADD, inner, &ev);
    SHOW("outer sees inner", epoll_wait(outer, out, 4, 0));
    close(inner);
    SHOW("inner closed", epoll_wait(outer, out, 4, 0));

    /* closing an epoll fd does not end a wait in progress: it times out */
    shared_ep = epoll_create1(0);
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    usleep(50000);
    close(shared_ep);
    void *result;
    pthread_join(t, &result);
    printf("wait on an epoll fd closed meanwhile: %ld\n", (long)result);
    close(e2);
    close(outer);
    return check_status();
}
