/*
 * raw-syscall NAME...: makes each named syscall directly (no libc wrapper, no fallback) with
 * harmless arguments and prints "NAME: ENOSYS" when the kernel has no handler for it, else
 * "NAME: served". Used to watch families come and go while the framework runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static long call(const char *name)
{
    static char buf[4096];
    struct timespec ts;
    if (strcmp(name, "getpid") == 0)
        return syscall(SYS_getpid);
    if (strcmp(name, "uname") == 0)
        return syscall(SYS_uname, (struct utsname *)buf);
    if (strcmp(name, "clock_gettime") == 0)
        return syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    if (strcmp(name, "getrandom") == 0)
        return syscall(SYS_getrandom, buf, 16, 0);
    if (strcmp(name, "epoll_create1") == 0) {
        long fd = syscall(SYS_epoll_create1, 0);
        if (fd >= 0)
            close((int)fd);
        return fd;
    }
    if (strcmp(name, "ioctl") == 0)
        return syscall(SYS_ioctl, 0, 0x541B /* FIONREAD */, buf);
    if (strcmp(name, "rt_sigprocmask") == 0)
        return syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, buf, 8);
    if (strcmp(name, "sched_yield") == 0)
        return syscall(SYS_sched_yield);
    if (strcmp(name, "getcwd") == 0)
        return syscall(SYS_getcwd, buf, sizeof buf);
    if (strcmp(name, "mincore") == 0)
        return syscall(SYS_mincore, buf, 1, buf + 2048);
    fprintf(stderr, "raw-syscall: no recipe for %s\n", name);
    return -2;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        errno = 0;
        long r = call(argv[i]);
        if (r == -2)
            return 2;
        printf("%s: %s\n", argv[i], r == -1 && errno == ENOSYS ? "ENOSYS" : "served");
    }
    return 0;
}
