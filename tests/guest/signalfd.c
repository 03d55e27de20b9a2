/*
 * signalfd and signalfd4: argument checks (sizemask, flags, a descriptor that is no signalfd,
 * one that is not open, a bad mask pointer), the descriptor itself (flags, close-on-exec, its
 * /proc/self/fd name, write EINVAL, FIONREAD ENOTTY), records of kill, tgkill, sigqueue, a POSIX
 * timer and setitimer with their fields, several records in one read (the thread's own pending
 * signals first), a short buffer, EAGAIN (SFD_NONBLOCK, F_SETFL, FIONBIO), a mask changed
 * through the descriptor, readiness in poll, select and epoll (never POLLOUT), a blocking read
 * woken by another thread, interrupted by a handled signal (EINTR, or restarted with
 * SA_RESTART), a sigwaitinfo-style loop, dup, a new thread's inherited mask (a signal sent right
 * after pthread_create stays pending), and exit while a thread is blocked in a read.
 */
#include "check.h"
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <time.h>

#define REC sizeof(struct signalfd_siginfo)

static pid_t main_tid;
static volatile sig_atomic_t handled;

static void on_usr2(int sig)
{
    (void)sig;
    handled++;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* A helper thread: after a pause, sends the signals listed (0 ends the list) to main_tid. */
struct sends {
    int delay_ms;
    int sigs[4];
};

static void *sender(void *arg)
{
    struct sends *s = arg;
    for (int i = 0; s->sigs[i]; i++) {
        sleep_ms(s->delay_ms);
        if (s->sigs[i] > 0)
            syscall(SYS_tgkill, getpid(), main_tid, s->sigs[i]);
        else
            kill(getpid(), -s->sigs[i]); /* negative: process-directed */
    }
    return NULL;
}

static pthread_t start_sender(struct sends *s)
{
    pthread_t t;
    pthread_create(&t, NULL, sender, s);
    return t;
}

static void *brief(void *arg)
{
    (void)arg;
    sleep_ms(1);
    return NULL;
}

static void *blocked_reader(void *arg)
{
    struct signalfd_siginfo si;
    read(*(int *)arg, &si, sizeof si); /* never returns: the process exits under it */
    return NULL;
}

static void fd_sets(int fd, fd_set *rd, fd_set *wr, fd_set *ex)
{
    FD_ZERO(rd);
    FD_ZERO(wr);
    FD_ZERO(ex);
    FD_SET(fd, rd);
    FD_SET(fd, wr);
    FD_SET(fd, ex);
}

static int readable(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT | POLLPRI};
    int n = poll(&p, 1, 0);
    return n == 1 ? p.revents : n;
}

int main(void)
{
    main_tid = (pid_t)current_tid();
    sigset_t mask, usr1;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGRTMIN);
    sigaddset(&mask, SIGALRM);
    sigaddset(&mask, SIGRTMIN + 1);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigset_t blocked = mask;
    sigaddset(&blocked, SIGUSR2);
    sigprocmask(SIG_BLOCK, &blocked, NULL);

    /* argument checks, in Linux's order */
    EXPECT_ERRNO("sizemask 4", syscall(SYS_signalfd4, -1, &mask, 4, 0), EINVAL);
    EXPECT_ERRNO("sizemask 16, old signalfd", syscall(SYS_signalfd, -1, &mask, 16), EINVAL);
    EXPECT_ERRNO("bad mask pointer before bad flags", syscall(SYS_signalfd4, -1, (void *)8, 8, 1), EFAULT);
    EXPECT_ERRNO("unknown flag", syscall(SYS_signalfd4, -1, &mask, 8, 1), EINVAL);
    EXPECT_ERRNO("not open", syscall(SYS_signalfd4, 77, &mask, 8, 0), EBADF);
    EXPECT_ERRNO("fd -2", syscall(SYS_signalfd4, -2, &mask, 8, 0), EBADF);
    int pipefd[2];
    pipe(pipefd);
    EXPECT_ERRNO("a pipe is no signalfd", syscall(SYS_signalfd4, pipefd[0], &mask, 8, 0), EINVAL);
    sigset_t all;
    sigfillset(&all);
    int every = signalfd(-1, &all, 0); /* SIGKILL and SIGSTOP are dropped silently */
    expect("a full mask is accepted", every >= 0);
    close(every);

    /* the descriptor */
    int fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    expect("signalfd4", fd >= 0);
    printf("F_GETFL: %#x, close-on-exec: %d\n", fcntl(fd, F_GETFL), fcntl(fd, F_GETFD));
    char path[64], link[64] = {0};
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    readlink(path, link, sizeof link - 1);
    printf("link: %s\n", link);
    struct signalfd_siginfo si[4];
    EXPECT_ERRNO("write", write(fd, si, REC), EINVAL);
    int avail;
    EXPECT_ERRNO("FIONREAD", ioctl(fd, FIONREAD, &avail), ENOTTY);
    EXPECT_ERRNO("empty, non-blocking", read(fd, si, REC), EAGAIN);
    EXPECT_ERRNO("127-byte buffer", read(fd, si, REC - 1), EINVAL);
    printf("readiness with nothing pending: %d\n", readable(fd));

    /* kill: SI_USER with our pid and uid */
    kill(getpid(), SIGUSR1);
    printf("readiness after kill: %#x\n", readable(fd));
    EXPECT_ERRNO("127-byte buffer with a signal pending", read(fd, si, REC - 1), EINVAL);
    memset(si, 0xaa, sizeof si);
    SHOW("read after kill", read(fd, si, sizeof si));
    printf("kill: signo %u code %d pid ours %d uid ours %d errno %d ptr %llu\n", si[0].ssi_signo, si[0].ssi_code,
           si[0].ssi_pid == (uint32_t)getpid(), si[0].ssi_uid == (uint32_t)getuid(), si[0].ssi_errno,
           (unsigned long long)si[0].ssi_ptr);
    printf("readiness after the read: %d\n", readable(fd));

    /* tgkill to ourselves: SI_TKILL; the thread's own pending signal comes before the process's */
    sigaddset(&mask, SIGUSR2);
    SHOW("mask update through the fd", signalfd(fd, &mask, 0));
    kill(getpid(), SIGUSR1);
    syscall(SYS_tgkill, getpid(), main_tid, SIGUSR2);
    SHOW("read of two", read(fd, si, sizeof si));
    printf("order: %u %u, codes %d %d, pid ours %d\n", si[0].ssi_signo, si[1].ssi_signo, si[0].ssi_code,
           si[1].ssi_code, si[0].ssi_pid == (uint32_t)getpid());

    /* sigqueue: SI_QUEUE with the value; real-time signals queue, one record each */
    for (int v = 41; v <= 43; v++) {
        union sigval sv = {.sival_int = v};
        sigqueue(getpid(), SIGRTMIN, sv);
    }
    SHOW("read of three queued", read(fd, si, sizeof si));
    for (int i = 0; i < 3; i++)
        printf("queued %d: signo-RTMIN %d code %d int %d ptr %llu pid ours %d\n", i, (int)si[i].ssi_signo - SIGRTMIN,
               si[i].ssi_code, si[i].ssi_int, (unsigned long long)si[i].ssi_ptr, si[i].ssi_pid == (uint32_t)getpid());

    /* the mask changed through the fd: a pending signal outside it is not readable */
    SHOW("mask of SIGUSR1 only", signalfd(fd, &usr1, SFD_NONBLOCK));
    syscall(SYS_tgkill, getpid(), main_tid, SIGUSR2);
    printf("SIGUSR2 pending, outside the mask: readiness %d\n", readable(fd));
    EXPECT_ERRNO("read outside the mask", read(fd, si, REC), EAGAIN);
    sigset_t pend;
    sigpending(&pend);
    printf("still pending: %d\n", sigismember(&pend, SIGUSR2));
    struct timespec zero = {0, 0};
    sigset_t u2;
    sigemptyset(&u2);
    sigaddset(&u2, SIGUSR2);
    SHOW("sigtimedwait takes it", sigtimedwait(&u2, NULL, &zero));
    SHOW("mask back", signalfd(fd, &mask, 0));

    /* select and epoll */
    fd_set rd, wr, ex;
    struct timeval tv = {0, 0};
    fd_sets(fd, &rd, &wr, &ex);
    SHOW("select, nothing pending", select(fd + 1, &rd, &wr, &ex, &tv));
    kill(getpid(), SIGUSR1);
    fd_sets(fd, &rd, &wr, &ex);
    SHOW("select, SIGUSR1 pending", select(fd + 1, &rd, &wr, &ex, &tv));
    printf("select sets: read %d write %d except %d\n", FD_ISSET(fd, &rd), FD_ISSET(fd, &wr), FD_ISSET(fd, &ex));
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.fd = fd}, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    int n = epoll_wait(ep, &out, 1, 0);
    printf("epoll, SIGUSR1 pending: %d events %#x\n", n, n == 1 ? out.events : 0);
    read(fd, si, sizeof si);
    SHOW("epoll after the read", epoll_wait(ep, &out, 1, 0));
    struct sends later = {50, {-SIGUSR1, 0}};
    pthread_t t = start_sender(&later);
    n = epoll_wait(ep, &out, 1, 5000);
    pthread_join(t, NULL);
    printf("epoll woken by another thread's kill: %d\n", n);
    SHOW("read it", read(fd, si, sizeof si));

    /* blocking reads: F_SETFL clears O_NONBLOCK, FIONBIO sets it again */
    fcntl(fd, F_SETFL, 0);
    later = (struct sends){50, {-SIGUSR1, 0}};
    t = start_sender(&later);
    SHOW("blocking read woken by another thread", read(fd, si, sizeof si));
    pthread_join(t, NULL);
    printf("woken by: %u\n", si[0].ssi_signo);

    struct sigaction sa = {.sa_handler = on_usr2};
    sigaction(SIGUSR2, &sa, NULL);
    sigset_t unblock_usr2;
    sigemptyset(&unblock_usr2);
    sigaddset(&unblock_usr2, SIGUSR2);
    sigprocmask(SIG_UNBLOCK, &unblock_usr2, NULL);
    SHOW("SIGUSR1 only", signalfd(fd, &usr1, 0));
    later = (struct sends){50, {SIGUSR2, 0}};
    t = start_sender(&later);
    handled = 0;
    EXPECT_ERRNO("blocking read, a handled signal (no SA_RESTART)", read(fd, si, sizeof si), EINTR);
    pthread_join(t, NULL);
    printf("handler ran: %d\n", handled);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR2, &sa, NULL);
    later = (struct sends){50, {SIGUSR2, -SIGUSR1, 0}};
    t = start_sender(&later);
    handled = 0;
    SHOW("blocking read, SA_RESTART", read(fd, si, sizeof si));
    pthread_join(t, NULL);
    printf("restarted after the handler: %d, then read %u\n", handled, si[0].ssi_signo);
    sigprocmask(SIG_BLOCK, &unblock_usr2, NULL);
    int on = 1;
    ioctl(fd, FIONBIO, &on);
    EXPECT_ERRNO("FIONBIO: EAGAIN", read(fd, si, sizeof si), EAGAIN);
    SHOW("mask back", signalfd(fd, &mask, 0));

    /* timers: a POSIX timer's SI_TIMER record with its value, setitimer's SI_KERNEL SIGALRM */
    struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN + 1};
    sev.sigev_value.sival_int = 7;
    timer_t timer;
    expect("timer_create", timer_create(CLOCK_MONOTONIC, &sev, &timer) == 0);
    struct itimerspec its = {.it_value = {0, 20 * 1000000L}};
    timer_settime(timer, 0, &its, NULL);
    struct pollfd p = {.fd = fd, .events = POLLIN};
    SHOW("poll for the timer", poll(&p, 1, 5000));
    SHOW("timer record", read(fd, si, sizeof si));
    printf("timer: signo-RTMIN %d code %d int %d overrun %u pid %u, tid is the timer's id: %d\n",
           (int)si[0].ssi_signo - SIGRTMIN, si[0].ssi_code, si[0].ssi_int, si[0].ssi_overrun, si[0].ssi_pid,
           si[0].ssi_tid == (uint32_t)(uintptr_t)timer);
    timer_delete(timer);
    struct itimerval itv = {.it_value = {0, 20000}};
    setitimer(ITIMER_REAL, &itv, NULL);
    SHOW("poll for the alarm", poll(&p, 1, 5000));
    SHOW("alarm record", read(fd, si, sizeof si));
    printf("alarm: signo %u code %#x pid %u uid %u\n", si[0].ssi_signo, si[0].ssi_code, si[0].ssi_pid, si[0].ssi_uid);

    /* a sigwaitinfo-style loop: poll, then one record per read, until five are collected */
    for (int v = 1; v <= 5; v++) {
        union sigval sv = {.sival_int = v * 10};
        sigqueue(getpid(), SIGRTMIN, sv);
    }
    int got = 0, sum = 0;
    while (got < 5 && poll(&p, 1, 1000) == 1) {
        struct signalfd_siginfo one;
        if (read(fd, &one, sizeof one) != (ssize_t)sizeof one)
            break;
        got++;
        sum += one.ssi_int;
    }
    printf("loop: %d records, values sum %d\n", got, sum);
    EXPECT_ERRNO("loop drained", read(fd, si, sizeof si), EAGAIN);

    /* dup shares the description; closing the original leaves the copy working */
    int copy = dup(fd);
    close(fd);
    kill(getpid(), SIGUSR1);
    SHOW("read through a dup", read(copy, si, sizeof si));
    printf("dup read: %u\n", si[0].ssi_signo);

    /* a new thread starts with its creator's mask: a signal every thread blocks, sent at once
     * after pthread_create, stays pending for the signalfd instead of killing the process */
    int rounds = 0;
    for (int i = 0; i < 20; i++) {
        pthread_t quick;
        pthread_create(&quick, NULL, brief, NULL);
        kill(getpid(), SIGUSR1);
        if (read(copy, si, sizeof si) == (ssize_t)REC && si[0].ssi_signo == SIGUSR1)
            rounds++;
        pthread_join(quick, NULL);
    }
    printf("kill right after pthread_create, read from the signalfd: %d of 20\n", rounds);

    /* the process ends while a thread is blocked in a read */
    int blocking = signalfd(-1, &usr1, 0);
    pthread_create(&t, NULL, blocked_reader, &blocking);
    sleep_ms(20);
    printf("exit with a reader blocked\n");
    return check_status();
}
