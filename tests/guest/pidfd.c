/*
 * pidfd: pidfd_open of this process and of children, what a pidfd is (close-on-exec, its
 * /proc/self/fdinfo Pid: line), poll readiness when the child ends, pidfd_send_signal to this
 * process (with and without a siginfo) and to a child, waitid(P_PIDFD) with and without
 * PIDFD_NONBLOCK, and the errors: EINVAL, ESRCH, EBADF, EAGAIN, ECHILD.
 */
#include "check.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#define PIDFD_NONBLOCK O_NONBLOCK

static long pidfd_open(pid_t pid, unsigned flags)
{
    return syscall(434, pid, flags);
}

static long pidfd_send_signal(int fd, int sig, siginfo_t *info, unsigned flags)
{
    return syscall(424, fd, sig, info, flags);
}

static void result(const char *label, long r)
{
    printf("%s: %s\n", label, r == -1 ? errno_name(errno) : "ok");
}

static volatile sig_atomic_t got, got_code;

static void on_usr1(int sig, siginfo_t *info, void *ctx)
{
    (void) ctx;
    got = sig;
    got_code = info->si_code;
}

static int fdinfo_pid(int fd)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    int f = open(path, O_RDONLY);
    if (f < 0)
        return -2;
    ssize_t n = read(f, buf, sizeof buf - 1);
    close(f);
    if (n <= 0)
        return -2;
    buf[n] = 0;
    char *p = strstr(buf, "Pid:");
    return p ? atoi(p + 4) : -3;
}

/* A child that waits for signals; returns once it runs (a signal must find it, not its start-up). */
static pid_t sleeper(void)
{
    int ready[2];
    char c;
    pipe(ready);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        write(ready[1], "r", 1);
        for (;;)
            pause();
    }
    read(ready[0], &c, 1);
    close(ready[0]);
    close(ready[1]);
    return pid;
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);

    result("pidfd_open(-1)", pidfd_open(-1, 0));
    result("pidfd_open(0)", pidfd_open(0, 0));
    result("pidfd_open unknown flag", pidfd_open(getpid(), 1));
    result("pidfd_open of no process", pidfd_open(0x3ffffff0, 0));

    int self = pidfd_open(getpid(), 0);
    expect("pidfd_open(self) gives an fd", self >= 0);
    expect("a pidfd is close-on-exec", fcntl(self, F_GETFD) == FD_CLOEXEC);
    expect("fdinfo shows the pid", fdinfo_pid(self) == getpid());
    result("pidfd_send_signal SIGUSR1 to self", pidfd_send_signal(self, SIGUSR1, NULL, 0));
    expect("the handler ran with SI_USER", got == SIGUSR1 && got_code == SI_USER);
    siginfo_t info = {0};
    info.si_signo = SIGUSR2;
    info.si_code = SI_QUEUE;
    result("siginfo of another signal", pidfd_send_signal(self, SIGUSR1, &info, 0));
    info.si_signo = SIGUSR1;
    got = 0;
    result("siginfo SI_QUEUE to self", pidfd_send_signal(self, SIGUSR1, &info, 0));
    expect("the handler saw SI_QUEUE", got == SIGUSR1 && got_code == SI_QUEUE);
    result("unknown flags", pidfd_send_signal(self, SIGUSR1, NULL, 8));
    result("two scope flags", pidfd_send_signal(self, SIGUSR1, NULL, 3));
    result("not a pidfd", pidfd_send_signal(1, SIGUSR1, NULL, 0));
    result("closed fd", pidfd_send_signal(999, SIGUSR1, NULL, 0));
    result("signal 65", pidfd_send_signal(self, 65, NULL, 0));
    result("signal 0 to self", pidfd_send_signal(self, 0, NULL, 0));
    result("bad siginfo pointer", pidfd_send_signal(self, SIGUSR1, (siginfo_t *) 8, 0));

    pid_t child = sleeper();
    int fd = pidfd_open(child, 0);
    expect("pidfd_open(child) gives an fd", fd >= 0);
    expect("fdinfo shows the child's pid", fdinfo_pid(fd) == child);
    struct pollfd p = {fd, POLLIN, 0};
    printf("poll while the child runs: %d\n", poll(&p, 1, 0));
    info.si_code = SI_QUEUE;
    info.si_signo = SIGTERM;
    result("siginfo SI_USER claim to a child", ({ siginfo_t i = {0}; i.si_signo = SIGTERM; i.si_code = SI_USER;
                                                  pidfd_send_signal(fd, SIGTERM, &i, 0); }));
    result("pidfd_send_signal SIGTERM to the child", pidfd_send_signal(fd, SIGTERM, NULL, 0));
    int ready = poll(&p, 1, 60000);
    printf("poll after SIGTERM: %d revents POLLIN %s\n", ready, (p.revents & POLLIN) ? "yes" : "no");
    siginfo_t w = {0};
    result("waitid(P_PIDFD)", waitid(P_PIDFD, fd, &w, WEXITED));
    expect("waitid names the child", w.si_pid == child);
    printf("child: code %s, status %d\n", w.si_code == CLD_KILLED ? "CLD_KILLED" : "other", w.si_status);
    result("waitid(P_PIDFD) again", waitid(P_PIDFD, fd, &w, WEXITED));
    result("pidfd_send_signal to a reaped child", pidfd_send_signal(fd, SIGTERM, NULL, 0));
    result("waitid(P_PIDFD) of a closed fd", waitid(P_PIDFD, 999, &w, WEXITED));
    close(fd);

    child = sleeper();
    fd = pidfd_open(child, PIDFD_NONBLOCK);
    expect("PIDFD_NONBLOCK pidfd is O_NONBLOCK", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
    result("waitid on a PIDFD_NONBLOCK pidfd of a running child", waitid(P_PIDFD, fd, &w, WEXITED));
    memset(&w, 0, sizeof w);
    result("the same with WNOHANG", waitid(P_PIDFD, fd, &w, WEXITED | WNOHANG));
    printf("WNOHANG si_pid: %d\n", w.si_pid);
    kill(child, SIGKILL);
    p.fd = fd;
    poll(&p, 1, 60000);
    result("waitid after SIGKILL", waitid(P_PIDFD, fd, &w, WEXITED));
    printf("second child: status %d\n", w.si_status);
    return check_failures ? 1 : 0;
}
