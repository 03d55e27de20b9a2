/* Edge-triggered epoll: one report per edge, a new edge per write, MOD re-reporting, ET with
 * ONESHOT, and level-triggered registrations next to edge-triggered ones. */
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static int ep;

static void show_wait(const char *label)
{
    struct epoll_event out[4];
    memset(out, 0, sizeof out);
    int n = epoll_wait(ep, out, 4, 0);
    printf("%s: n=%d", label, n);
    for (int i = 0; i < n; i++)
        printf(" [%#x %llu]", out[i].events, (unsigned long long)out[i].data.u64);
    printf("\n");
}

int main(void)
{
    ep = epoll_create1(0);
    uint64_t one = 1, value;
    struct epoll_event ev;

    int efd = eventfd(0, EFD_NONBLOCK);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 1;
    epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
    show_wait("eventfd ET, nothing yet");
    write(efd, &one, 8);
    show_wait("eventfd ET, after write");
    show_wait("eventfd ET, same edge again");
    write(efd, &one, 8);
    show_wait("eventfd ET, second write without reading");
    read(efd, &value, 8);
    printf("counter read: %llu\n", (unsigned long long)value);
    show_wait("eventfd ET, after read");
    write(efd, &one, 8);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 2;
    show_wait("eventfd ET, edge before MOD");
    epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev);
    show_wait("eventfd ET, MOD re-reports readiness");
    show_wait("eventfd ET, after that");
    read(efd, &value, 8);

    int p[2];
    pipe2(p, O_NONBLOCK);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 10;
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    write(p[1], "ab", 2);
    show_wait("pipe ET, after write");
    char buf[8];
    read(p[0], buf, 1);
    show_wait("pipe ET, partial read makes no edge");
    write(p[1], "c", 1);
    show_wait("pipe ET, more data is a new edge");
    while (read(p[0], buf, sizeof buf) > 0)
        ;
    show_wait("pipe ET, drained");
    close(p[1]);
    show_wait("pipe ET, writer closed");
    show_wait("pipe ET, hangup reported once");
    epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
    close(p[0]);

    /* ET together with ONESHOT: one report, then nothing until MOD, even for new edges */
    ev.events = EPOLLIN | EPOLLET | EPOLLONESHOT;
    ev.data.u64 = 3;
    epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev);
    write(efd, &one, 8);
    show_wait("ET|ONESHOT first");
    write(efd, &one, 8);
    show_wait("ET|ONESHOT new edge while disarmed");
    epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev);
    show_wait("ET|ONESHOT after MOD");
    read(efd, &value, 8);
    printf("counter read: %llu\n", (unsigned long long)value);

    /* a level-triggered registration next to an edge-triggered one */
    int lt = eventfd(1, EFD_NONBLOCK);
    ev.events = EPOLLIN;
    ev.data.u64 = 4;
    epoll_ctl(ep, EPOLL_CTL_ADD, lt, &ev);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 5;
    epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev);
    write(efd, &one, 8);
    struct epoll_event out[4];
    int n = epoll_wait(ep, out, 4, 0);
    uint64_t seen = 0;
    for (int i = 0; i < n; i++)
        seen |= 1u << out[i].data.u64;
    printf("mixed first: n=%d lt=%d et=%d\n", n, !!(seen & 16), !!(seen & 32));
    show_wait("mixed second: only the level one");
    show_wait("mixed third: only the level one");
    return check_status();
}
