/* epoll basics: creation, epoll_ctl and epoll_wait errno cases, level-triggered repeats, ONESHOT
 * re-arm, the data round trip, EPOLLHUP, timeouts, and many ADD/DEL without leaking descriptors. */
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>

static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1; /* the directory's own descriptor */
}

static long elapsed_ms(struct timespec *a, struct timespec *b)
{
    return (b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

int main(void)
{
    struct epoll_event ev, out[8];
    EXPECT_ERRNO("epoll_create(0)", syscall(SYS_epoll_create, 0), EINVAL);
    EXPECT_ERRNO("epoll_create(-1)", syscall(SYS_epoll_create, -1), EINVAL);
    EXPECT_ERRNO("epoll_create1(bad flags)", epoll_create1(1), EINVAL);
    int old = syscall(SYS_epoll_create, 1);
    expect("epoll_create(1) works", old >= 0);
    expect("epoll_create: no FD_CLOEXEC", fcntl(old, F_GETFD) == 0);
    close(old);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    expect("epoll_create1(EPOLL_CLOEXEC) works", ep >= 0);
    expect("epoll fd has FD_CLOEXEC", fcntl(ep, F_GETFD) == FD_CLOEXEC);
    printf("epoll F_GETFL: %#x\n", fcntl(ep, F_GETFL) & ~0x8000);
    char link[64] = {0};
    char path[32];
    snprintf(path, sizeof path, "/proc/self/fd/%d", ep);
    readlink(path, link, sizeof link - 1);
    printf("epoll link: %s\n", link);

    int efd = eventfd(0, EFD_NONBLOCK);
    int p[2];
    pipe(p);
    int file = open("/proc/self/exe", O_RDONLY);
    int dir = open("/", O_RDONLY | O_DIRECTORY);
    ev.events = EPOLLIN;
    ev.data.u64 = 1;

    /* epoll_ctl errno cases, in Linux's order of checks */
    EXPECT_ERRNO("ctl bad epfd", epoll_ctl(999, EPOLL_CTL_ADD, efd, &ev), EBADF);
    EXPECT_ERRNO("ctl bad fd", epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev), EBADF);
    EXPECT_ERRNO("ctl epfd == fd", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
    EXPECT_ERRNO("ctl dup of epfd", epoll_ctl(ep, EPOLL_CTL_ADD, dup(ep), &ev), EINVAL);
    EXPECT_ERRNO("ctl non-epoll epfd", epoll_ctl(p[0], EPOLL_CTL_ADD, efd, &ev), EINVAL);
    EXPECT_ERRNO("ctl bad op", epoll_ctl(ep, 7, efd, &ev), EINVAL);
    EXPECT_ERRNO("ctl regular file", epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev), EPERM);
    EXPECT_ERRNO("ctl directory", epoll_ctl(ep, EPOLL_CTL_ADD, dir, &ev), EPERM);
    EXPECT_ERRNO("ctl regular file, bad epfd", epoll_ctl(999, EPOLL_CTL_ADD, file, &ev), EBADF);
    EXPECT_ERRNO("ctl ADD NULL event", epoll_ctl(ep, EPOLL_CTL_ADD, efd, NULL), EFAULT);
    EXPECT_ERRNO("ctl NULL event before EBADF", epoll_ctl(999, EPOLL_CTL_ADD, 998, NULL), EFAULT);
    EXPECT_ERRNO("ctl MOD unregistered", epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev), ENOENT);
    EXPECT_ERRNO("ctl DEL unregistered", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL), ENOENT);
    SHOW("ctl ADD", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    EXPECT_ERRNO("ctl ADD twice", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev), EEXIST);
    SHOW("ctl DEL with NULL event", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL));

    /* EPOLLEXCLUSIVE: ADD only, with a limited set of flags */
    ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
    EXPECT_ERRNO("ctl EXCLUSIVE|ONESHOT", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev), EINVAL);
    ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP;
    EXPECT_ERRNO("ctl EXCLUSIVE|RDHUP", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev), EINVAL);
    ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLET;
    SHOW("ctl ADD EXCLUSIVE|ET", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    ev.events = EPOLLIN;
    EXPECT_ERRNO("ctl MOD of EXCLUSIVE", epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev), EINVAL);
    ev.events = EPOLLIN | EPOLLEXCLUSIVE;
    EXPECT_ERRNO("ctl MOD with EXCLUSIVE", epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev), EINVAL);
    SHOW("ctl DEL EXCLUSIVE", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL));
    int ep2 = epoll_create1(0);
    EXPECT_ERRNO("ctl EXCLUSIVE on epoll target", epoll_ctl(ep2, EPOLL_CTL_ADD, ep, &ev), EINVAL);
    close(ep2);

    /* epoll_wait errno cases */
    EXPECT_ERRNO("wait maxevents 0", epoll_wait(ep, out, 0, 0), EINVAL);
    EXPECT_ERRNO("wait maxevents -1", epoll_wait(ep, out, -1, 0), EINVAL);
    EXPECT_ERRNO("wait maxevents too big", epoll_wait(ep, out, INT_MAX / 12 + 1, 0), EINVAL);
    EXPECT_ERRNO("wait bad epfd", epoll_wait(999, out, 8, 0), EBADF);
    EXPECT_ERRNO("wait non-epoll fd", epoll_wait(efd, out, 8, 0), EINVAL);
    EXPECT_ERRNO("wait bad epfd checked first", epoll_wait(999, out, 0, 0), EBADF);
    EXPECT_ERRNO("wait buffer checked before kind", epoll_wait(efd, (void *)0xffff800000000000UL, 1, 0), EFAULT);
    EXPECT_ERRNO("wait kernel address", epoll_wait(ep, (void *)0xffff800000000000UL, 1, 0), EFAULT);
    SHOW("wait NULL buffer, nothing ready", epoll_wait(ep, NULL, 1, 0));

    /* level-triggered: reported on every wait while ready; data comes back untouched */
    ev.events = EPOLLIN;
    ev.data.u64 = 0xdeadbeefcafebabeULL;
    SHOW("ADD eventfd", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    SHOW("wait before write", epoll_wait(ep, out, 8, 0));
    uint64_t one = 1, value;
    write(efd, &one, 8);
    for (int round = 0; round < 3; round++) {
        memset(out, 0, sizeof out);
        int n = epoll_wait(ep, out, 8, 0);
        printf("level round %d: n=%d events=%#x data=%#llx\n", round, n, out[0].events,
               (unsigned long long)out[0].data.u64);
    }
    EXPECT_ERRNO("wait NULL buffer, ready", epoll_wait(ep, NULL, 1, 0), EFAULT);
    read(efd, &value, 8);
    SHOW("wait after read", epoll_wait(ep, out, 8, 0));

    /* struct epoll_event is packed: 12 bytes, data at offset 4 */
    printf("sizeof(struct epoll_event): %zu\n", sizeof(struct epoll_event));
    unsigned char raw[3 * 12];
    memset(raw, 0xaa, sizeof raw);
    write(efd, &one, 8);
    int n = epoll_wait(ep, (struct epoll_event *)raw, 3, 0);
    printf("packed: n=%d bytes:", n);
    for (int i = 0; i < 16; i++)
        printf(" %02x", raw[i]);
    printf("\n");
    read(efd, &value, 8);

    /* ONESHOT: once, then disarmed until MOD */
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.u32 = 7;
    SHOW("MOD to ONESHOT", epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev));
    write(efd, &one, 8);
    SHOW("oneshot first wait", epoll_wait(ep, out, 8, 0));
    SHOW("oneshot second wait", epoll_wait(ep, out, 8, 0));
    SHOW("oneshot still registered (ADD)", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    SHOW("oneshot re-arm (MOD)", epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev));
    n = epoll_wait(ep, out, 8, 0);
    printf("after re-arm: n=%d data=%u\n", n, out[0].data.u32);
    SHOW("disarmed again", epoll_wait(ep, out, 8, 0));
    read(efd, &value, 8);
    SHOW("DEL eventfd", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL));

    /* the pipe: EPOLLOUT on the write end, EPOLLHUP on the read end once the writer closes */
    ev.events = EPOLLOUT;
    ev.data.u32 = 21;
    SHOW("ADD pipe write end", epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev));
    n = epoll_wait(ep, out, 8, 0);
    printf("pipe writable: n=%d events=%#x data=%u\n", n, out[0].events, out[0].data.u32);
    SHOW("DEL pipe write end", epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
    ev.events = EPOLLIN;
    ev.data.u32 = 20;
    SHOW("ADD pipe read end", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    write(p[1], "x", 1);
    n = epoll_wait(ep, out, 8, 0);
    printf("pipe readable: n=%d events=%#x\n", n, out[0].events);
    close(p[1]);
    n = epoll_wait(ep, out, 8, 0);
    printf("writer closed, data left: n=%d events=%#x\n", n, out[0].events);
    char c;
    read(p[0], &c, 1);
    n = epoll_wait(ep, out, 8, 0);
    printf("writer closed, empty: n=%d events=%#x\n", n, out[0].events);
    ev.events = 0;
    SHOW("MOD to no events", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
    n = epoll_wait(ep, out, 8, 0);
    printf("no events asked, still HUP: n=%d events=%#x\n", n, out[0].events);
    SHOW("DEL pipe read end", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));

    /* a timeout is honoured */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    n = epoll_wait(ep, out, 8, 60);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("timed wait: %d\n", n);
    expect("timed wait took >= 55 ms", elapsed_ms(&t0, &t1) >= 55);
    expect("timed wait took < 2 s", elapsed_ms(&t0, &t1) < 2000);

    /* many ADD/DEL, and many registrations at once: no descriptor leaks */
    int before = open_fds();
    int bad = 0;
    for (int i = 0; i < 4096; i++) {
        ev.events = EPOLLIN;
        ev.data.u32 = i;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev) != 0 || epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL) != 0)
            bad++;
    }
    expect("4096 ADD/DEL pairs succeed", bad == 0);
    int many[256];
    for (int i = 0; i < 256; i++) {
        many[i] = eventfd(1, 0);
        ev.events = EPOLLIN;
        ev.data.u32 = 1000 + i;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, many[i], &ev) != 0)
            bad++;
    }
    struct epoll_event all[300];
    n = epoll_wait(ep, all, 300, 0);
    printf("256 ready eventfds: %d\n", n);
    n = epoll_wait(ep, all, 100, 0);
    printf("at most maxevents: %d\n", n);
    for (int i = 0; i < 256; i++) {
        if (i % 2 == 0 && epoll_ctl(ep, EPOLL_CTL_DEL, many[i], NULL) != 0)
            bad++;
        close(many[i]);
    }
    expect("256 registrations added and removed", bad == 0);
    SHOW("after closing them all", epoll_wait(ep, all, 300, 0));
    expect("no descriptor leaked", open_fds() == before);
    close(efd);
    close(p[0]);
    close(ep);
    return check_status();
}
