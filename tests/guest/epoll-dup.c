/* epoll keys registrations by (open file description, descriptor number): a dup keeps a
 * registration alive after its number is closed and it keeps being reported with its data;
 * DEL by the closed number is EBADF, by the dup's number ENOENT; both numbers may be registered. */
#include "check.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static int ep;

static void show_wait(const char *label)
{
    struct epoll_event out[4];
    int n = epoll_wait(ep, out, 4, 0);
    unsigned long long sum = 0;
    for (int i = 0; i < n; i++)
        sum += out[i].data.u64;
    printf("%s: n=%d data sum=%llu\n", label, n, sum);
}

int main(void)
{
    ep = epoll_create1(0);
    int a = eventfd(1, EFD_NONBLOCK);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 100};
    SHOW("ADD a", epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev));
    int d = dup(a);
    show_wait("registered number and dup");
    EXPECT_ERRNO("MOD dup (not registered)", epoll_ctl(ep, EPOLL_CTL_MOD, d, &ev), ENOENT);
    close(a);
    show_wait("closed number still reported");
    EXPECT_ERRNO("DEL closed number", epoll_ctl(ep, EPOLL_CTL_DEL, a, NULL), EBADF);
    EXPECT_ERRNO("DEL dup's number", epoll_ctl(ep, EPOLL_CTL_DEL, d, NULL), ENOENT);
    ev.data.u64 = 20;
    SHOW("ADD dup's number too", epoll_ctl(ep, EPOLL_CTL_ADD, d, &ev));
    show_wait("both registrations report");
    int again = dup2(d, a);
    printf("dup2 back onto the closed number: %s\n", again == a ? "same number" : "other");
    ev.data.u64 = 1;
    SHOW("MOD the restored number finds the old registration", epoll_ctl(ep, EPOLL_CTL_MOD, a, &ev));
    EXPECT_ERRNO("ADD it again", epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev), EEXIST);
    show_wait("after MOD");
    SHOW("DEL restored number", epoll_ctl(ep, EPOLL_CTL_DEL, a, NULL));
    show_wait("after DEL");
    close(a);
    close(d);
    show_wait("last descriptor closed: registration gone");

    /* two numbers of one file registered, one closes: the other keeps working */
    int b = eventfd(0, EFD_NONBLOCK);
    int b2 = dup(b);
    ev.data.u64 = 5;
    epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev);
    ev.data.u64 = 7;
    epoll_ctl(ep, EPOLL_CTL_ADD, b2, &ev);
    show_wait("nothing ready");
    uint64_t one = 1;
    write(b2, &one, 8);
    show_wait("both report one write");
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.u64 = 5;
    epoll_ctl(ep, EPOLL_CTL_MOD, b, &ev);
    show_wait("oneshot one and level other");
    show_wait("then only the level one");
    SHOW("DEL b2", epoll_ctl(ep, EPOLL_CTL_DEL, b2, NULL));
    show_wait("the disarmed oneshot stays quiet");
    SHOW("re-arm b", epoll_ctl(ep, EPOLL_CTL_MOD, b, &ev));
    show_wait("re-armed");
    close(b);
    close(b2);
    show_wait("all closed");
    return check_status();
}
