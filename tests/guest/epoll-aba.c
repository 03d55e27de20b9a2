/* Close and reopen on the same number (ABA) never touches the wrong file: MOD and DEL of the new
 * file are ENOENT, its events are not reported under the old registration, and ADD starts fresh. */
#include "check.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static int ep;

static int wait_data(unsigned long long *data)
{
    struct epoll_event out[4];
    int n = epoll_wait(ep, out, 4, 0);
    *data = n > 0 ? out[0].data.u64 : 0;
    return n;
}

int main(void)
{
    ep = epoll_create1(0);
    uint64_t one = 1;
    unsigned long long data;
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0xaaaa};
    int a = eventfd(0, EFD_NONBLOCK);
    epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev);
    close(a);
    int b = eventfd(1, EFD_NONBLOCK);
    printf("reopened on the same number: %s\n", a == b ? "yes" : "no");
    int n = wait_data(&data);
    printf("new file ready, not registered: n=%d\n", n);
    EXPECT_ERRNO("MOD new file", epoll_ctl(ep, EPOLL_CTL_MOD, b, &ev), ENOENT);
    EXPECT_ERRNO("DEL new file", epoll_ctl(ep, EPOLL_CTL_DEL, b, NULL), ENOENT);
    ev.data.u64 = 0xbbbb;
    SHOW("ADD new file starts fresh", epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev));
    n = wait_data(&data);
    printf("new registration: n=%d data=%#llx\n", n, data);

    /* the same with pipes: both ends come back on the same numbers */
    int p[2], q[2];
    pipe(p);
    ev.data.u64 = 0xcccc;
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    close(p[0]);
    close(p[1]);
    pipe(q);
    printf("pipe numbers reused: %s\n", q[0] == p[0] && q[1] == p[1] ? "yes" : "no");
    write(q[1], "x", 1);
    epoll_ctl(ep, EPOLL_CTL_DEL, b, NULL);
    n = wait_data(&data);
    printf("new pipe has data, old registration gone: n=%d\n", n);
    EXPECT_ERRNO("DEL new pipe", epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL), ENOENT);

    /* the old file lives on in a dup: both registrations, each on its own file */
    int c = eventfd(0, EFD_NONBLOCK);
    ev.data.u64 = 0xc;
    epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
    int keep = dup(c);
    close(c);
    int d = eventfd(0, EFD_NONBLOCK);
    printf("reopened while the old file lives: %s\n", d == c ? "yes" : "no");
    EXPECT_ERRNO("MOD new file on that number", epoll_ctl(ep, EPOLL_CTL_MOD, d, &ev), ENOENT);
    ev.data.u64 = 0xd;
    SHOW("ADD new file on that number", epoll_ctl(ep, EPOLL_CTL_ADD, d, &ev));
    write(d, &one, 8);
    n = wait_data(&data);
    printf("only the new file is ready: n=%d data=%#llx\n", n, data);
    uint64_t v;
    read(d, &v, 8);
    write(keep, &one, 8);
    n = wait_data(&data);
    printf("only the old file is ready: n=%d data=%#llx\n", n, data);
    SHOW("DEL by number removes the new file's registration", epoll_ctl(ep, EPOLL_CTL_DEL, d, NULL));
    n = wait_data(&data);
    printf("old registration still there: n=%d data=%#llx\n", n, data);
    close(keep);
    n = wait_data(&data);
    printf("old file released: n=%d\n", n);
    return check_status();
}
