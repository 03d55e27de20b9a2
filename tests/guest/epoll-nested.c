/* Nested epoll: an epoll fd registered in another reports readiness; cycles and chains deeper
 * than Linux's limit are refused with ELOOP; poll and select see an epoll fd's readiness. */
#include "check.h"
#include <poll.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>

/* check.h names common errnos; ELOOP is this test's own */
#define SHOW_CTL(label, call)                                                     \
    do {                                                                          \
        errno = 0;                                                                \
        int r = (call);                                                           \
        printf("%s: %d %s\n", label, r, r == 0 ? "" : errno == ELOOP ? "ELOOP" : errno_name(errno)); \
    } while (0)
#define EXPECT_LOOP(label, call)                                                  \
    do {                                                                          \
        errno = 0;                                                                \
        int r = (call);                                                           \
        printf("%s: %d %s\n", label, r, errno == ELOOP ? "ELOOP" : errno_name(errno)); \
        if (r != -1 || errno != ELOOP)                                            \
            check_failures++;                                                     \
    } while (0)

int main(void)
{
    struct epoll_event ev = {.events = EPOLLIN}, out[4];
    int outer = epoll_create1(0), inner = epoll_create1(0);
    int efd = eventfd(0, EFD_NONBLOCK);
    ev.data.u64 = 1;
    SHOW("ADD eventfd to inner", epoll_ctl(inner, EPOLL_CTL_ADD, efd, &ev));
    ev.data.u64 = 2;
    SHOW("ADD inner to outer", epoll_ctl(outer, EPOLL_CTL_ADD, inner, &ev));
    SHOW("outer, nothing ready", epoll_wait(outer, out, 4, 0));
    uint64_t one = 1, v;
    write(efd, &one, 8);
    int n = epoll_wait(outer, out, 4, 0);
    printf("outer: n=%d events=%#x data=%llu\n", n, out[0].events, (unsigned long long)out[0].data.u64);
    n = epoll_wait(inner, out, 4, 0);
    printf("inner: n=%d events=%#x data=%llu\n", n, out[0].events, (unsigned long long)out[0].data.u64);
    struct pollfd pfd = {.fd = inner, .events = POLLIN};
    n = poll(&pfd, 1, 0);
    printf("poll on inner: %d revents=%#x\n", n, pfd.revents);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(inner, &rs);
    struct timeval tv = {0, 0};
    n = select(inner + 1, &rs, NULL, NULL, &tv);
    printf("select on inner: %d set=%d\n", n, FD_ISSET(inner, &rs));
    read(efd, &v, 8);
    SHOW("outer after read", epoll_wait(outer, out, 4, 0));
    pfd.revents = 0;
    n = poll(&pfd, 1, 0);
    printf("poll on inner after read: %d revents=%#x\n", n, pfd.revents);

    /* a blocking wait on the outer is woken through the inner */
    write(efd, &one, 8);
    SHOW("outer blocking wait", epoll_wait(outer, out, 4, 1000));
    read(efd, &v, 8);

    EXPECT_LOOP("cycle: inner watches outer", epoll_ctl(inner, EPOLL_CTL_ADD, outer, &ev));
    SHOW("DEL inner from outer", epoll_ctl(outer, EPOLL_CTL_DEL, inner, NULL));
    SHOW("then inner may watch outer", epoll_ctl(inner, EPOLL_CTL_ADD, outer, &ev));
    EXPECT_LOOP("and outer not inner", epoll_ctl(outer, EPOLL_CTL_ADD, inner, &ev));
    SHOW("DEL outer from inner", epoll_ctl(inner, EPOLL_CTL_DEL, outer, NULL));

    /* chains: top-down and bottom-up, both stop at the same depth */
    int e[8], f[8];
    for (int i = 0; i < 8; i++) {
        e[i] = epoll_create1(0);
        f[i] = epoll_create1(0);
    }
    for (int i = 0; i < 7; i++) {
        char label[64];
        snprintf(label, sizeof label, "top-down e%d watches e%d", i, i + 1);
        SHOW_CTL(label, epoll_ctl(e[i], EPOLL_CTL_ADD, e[i + 1], &ev));
    }
    for (int i = 7; i > 0; i--) {
        char label[64];
        snprintf(label, sizeof label, "bottom-up f%d watches f%d", i - 1, i);
        SHOW_CTL(label, epoll_ctl(f[i - 1], EPOLL_CTL_ADD, f[i], &ev));
    }
    EXPECT_LOOP("long cycle", epoll_ctl(e[3], EPOLL_CTL_ADD, e[0], &ev));
    /* readiness crosses the whole allowed chain */
    int deep = eventfd(1, 0);
    SHOW("e4 watches an eventfd", epoll_ctl(e[3], EPOLL_CTL_ADD, deep, &ev));
    n = epoll_wait(e[0], out, 4, 0);
    printf("top of chain sees it: %d\n", n);
    close(deep);
    n = epoll_wait(e[0], out, 4, 0);
    printf("after the eventfd closed: %d\n", n);
    for (int i = 0; i < 8; i++) {
        close(e[i]);
        close(f[i]);
    }
    return check_status();
}
