/*
 * exec-probe FILE: what the native execve(2) does with FILE, without running any of it.
 * Prints "errno N" (execve refused), "started" (execve succeeded: the child is stopped by
 * ptrace before its first instruction and killed), or "killed S" (execve failed after the point
 * of no return and the kernel killed the process with signal S).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int report[2];
    if (argc != 2 || pipe2(report, O_CLOEXEC) != 0)
        return 2;
    pid_t child = fork();
    if (child == 0) {
        struct rlimit cpu = { 1, 1 };
        setrlimit(RLIMIT_CPU, &cpu);
        close(report[0]);
        ptrace(PTRACE_TRACEME, 0, NULL, NULL);   /* a successful execve stops with SIGTRAP */
        char *args[] = { argv[1], NULL }, *env[] = { NULL };
        execve(argv[1], args, env);
        int e = errno;
        if (write(report[1], &e, sizeof e) != sizeof e)
            _exit(3);
        _exit(0);
    }
    close(report[1]);
    int e = 0, status = 0;
    ssize_t n = read(report[0], &e, sizeof e);
    waitpid(child, &status, 0);
    if (n == sizeof e) {
        printf("errno %d\n", e);
    } else if (WIFSTOPPED(status)) {
        kill(child, SIGKILL);
        waitpid(child, &status, 0);
        printf("started\n");
    } else if (WIFSIGNALED(status)) {
        printf("killed %d\n", WTERMSIG(status));
    } else {
        printf("exited %d\n", WEXITSTATUS(status));
    }
    return 0;
}
