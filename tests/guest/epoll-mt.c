/* epoll in a multi-threaded guest: with a CLONE_THREAD sibling alive, registrations made by
 * epoll_ctl keep delivering (an eventfd's and a pipe's EPOLLIN), and a thread blocked in
 * epoll_wait is woken by writes from another thread, several times over. */
#include "check.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static volatile int stop;
static int ep, efd, p[2];

static void *sibling(void *arg)
{
    while (!stop)
        usleep(1000);
    return NULL;
}

static void *blocked_waiter(void *arg)
{
    long total = 0;
    for (int round = 0; round < 20; round++) {
        struct epoll_event out[4];
        int n = epoll_wait(ep, out, 4, 5000);
        if (n != 1 || out[0].data.u32 != 1) {
            total = -1000;
            break;
        }
        uint64_t v;
        read(efd, &v, 8);
        total += v;
    }
    return (void *)total;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, sibling, NULL);
    usleep(10000);
    ep = epoll_create1(0);
    efd = eventfd(0, EFD_NONBLOCK);
    pipe(p);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u32 = 1};
    SHOW("ADD eventfd while multi-threaded", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    ev.data.u32 = 2;
    SHOW("ADD pipe while multi-threaded", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    uint64_t one = 1;
    write(efd, &one, 8);
    write(p[1], "x", 1);
    struct epoll_event out[4];
    int n = epoll_wait(ep, out, 4, 1000);
    int seen = 0;
    for (int i = 0; i < n; i++)
        if (out[i].events & EPOLLIN)
            seen |= 1 << out[i].data.u32;
    printf("edges delivered: %d, eventfd %s, pipe %s\n", n, seen & 2 ? "yes" : "no", seen & 4 ? "yes" : "no");
    uint64_t v;
    read(efd, &v, 8);
    char c;
    read(p[0], &c, 1);
    SHOW("DEL pipe", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));

    /* another thread blocks in epoll_wait; each write from here wakes it */
    pthread_t w;
    pthread_create(&w, NULL, blocked_waiter, NULL);
    for (int i = 0; i < 20; i++) {
        usleep(5000);
        write(efd, &one, 8);
        /* wait until the waiter has consumed it, so every write is one edge */
        for (int spin = 0; spin < 1000; spin++) {
            struct epoll_event probe;
            int fdp = epoll_create1(0);
            struct epoll_event e2 = {.events = EPOLLIN};
            epoll_ctl(fdp, EPOLL_CTL_ADD, efd, &e2);
            int ready = epoll_wait(fdp, &probe, 1, 0);
            close(fdp);
            if (!ready)
                break;
            usleep(1000);
        }
    }
    void *total;
    pthread_join(w, &total);
    printf("waiter woke for every write: %ld\n", (long)total);
    stop = 1;
    pthread_join(t, NULL);
    return check_status();
}
