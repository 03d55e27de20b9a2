/* The event-loop round: write(eventfd) → epoll_wait(timeout 0) sees it → read(eventfd); ns per round. */
#include "bench.h"
#include <stdint.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static const char *const NAME = "eventfd-epoll";
static int efd, epfd;

static long batch(long n)
{
    uint64_t one = 1, value;
    struct epoll_event ev;
    for (long i = 0; i < n; i++) {
        BENCH_CHECK(NAME, write(efd, &one, 8) == 8, "write(eventfd)");
        int ready = epoll_wait(epfd, &ev, 1, 0);
        if (ready != 1 || !(ev.events & EPOLLIN)) {
            printf("%s: n/a (epoll_wait returned %d, events 0x%x, expected 1 and EPOLLIN)\n", NAME, ready,
                   ready == 1 ? ev.events : 0);
            return -1;
        }
        BENCH_CHECK(NAME, read(efd, &value, 8) == 8 && value == 1, "read(eventfd)");
    }
    return n;
}

int main(int argc, char **argv)
{
    efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (efd < 0)
        return bench_unavailable(NAME, "eventfd", errno);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0)
        return bench_unavailable(NAME, "epoll_create1", errno);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = efd };
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, efd, &ev) != 0)
        return bench_unavailable(NAME, "epoll_ctl", errno);
    struct bench b = { NAME, batch, 500, 30000 };
    return bench_main(&b, argc, argv);
}
