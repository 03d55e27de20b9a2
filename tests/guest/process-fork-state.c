/*
 * What a forked child starts with when its parent changed state after an earlier fork (under
 * osgix a runtime is then started ahead of the next fork): the working directory, umask and
 * process group of the moment of the fork; CLONE_CHILD_SETTID and CLONE_CHILD_CLEARTID of a
 * fork-like clone (glibc's fork asks for both: the word is stored, then cleared and woken when
 * the child's thread exits); and with no children left, every form of wait says ECHILD.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define FUTEX_WAIT 0 /* <linux/futex.h>, which musl builds do not have */

static volatile int tid_word; /* the CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID word */
static volatile sig_atomic_t usr1;
static pid_t parent;

static void on_usr1(int sig)
{
    (void)sig;
    usr1++;
}

static void *clear_waiter(void *arg)
{
    (void)arg;
    int seen;
    while ((seen = tid_word) != 0)
        syscall(SYS_futex, &tid_word, FUTEX_WAIT, seen, NULL, NULL, 0);
    printf("child: the word was cleared and woken when its thread exited: yes\n");
    fflush(stdout);
    _exit(0);
}

static void forked_child(void)
{
    char cwd[256];
    printf("child: cwd %s\n", getcwd(cwd, sizeof cwd) ? cwd : strerror(errno));
    printf("child: umask %03o\n", (unsigned)umask(0));
    printf("child: parent is the forking process: %s\n", getppid() == parent ? "yes" : "no");
    printf("child: in the parent's process group: %s\n", getpgid(0) == getpgid(parent) ? "yes" : "no");
    printf("child: CLONE_CHILD_SETTID stored its pid: %s\n", tid_word == getpid() ? "yes" : "no");
    fflush(stdout);
    pthread_t t;
    if (pthread_create(&t, NULL, clear_waiter, NULL) != 0) {
        printf("child: pthread_create failed\n");
        _exit(2);
    }
    syscall(SYS_exit, 0); /* this thread only; the waiter ends the process */
}

static const char *err(long r)
{
    return r == -1 ? strerror(errno) : "no error";
}

int main(void)
{
    int status;
    parent = getpid();
    setpgid(0, 0); /* a group of its own: kill(0) below reaches no other process of the test run */
    fflush(stdout);
    pid_t first = fork();
    if (first == 0)
        _exit(3);
    waitpid(first, &status, 0);
    printf("first child: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    /* changed after the first fork: the next child must see these, not older ones */
    if (chdir("/") != 0 || umask(027) < 0)
        perror("chdir");
    fflush(stdout);
    long pid = syscall(SYS_clone, CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, NULL, NULL, &tid_word, NULL);
    if (pid == 0)
        forked_child();
    if (pid < 0) {
        perror("clone");
        return 1;
    }
    printf("parent: its own word untouched: %s\n", tid_word == 0 ? "yes" : "no");
    if (waitpid(pid, &status, 0) != pid)
        perror("waitpid");
    printf("second child: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    siginfo_t info;
    printf("wait: %s\n", err(wait(&status)));
    printf("waitpid(-1, WNOHANG): %s\n", err(waitpid(-1, &status, WNOHANG)));
    printf("waitpid(0, WNOHANG): %s\n", err(waitpid(0, &status, WNOHANG)));
    printf("waitid(P_ALL, WNOHANG): %s\n", err(waitid(P_ALL, 0, &info, WEXITED | WNOHANG)));

    signal(SIGUSR1, on_usr1);
    long r = kill(0, SIGUSR1);
    printf("kill(0, SIGUSR1): %ld, handler ran %d time(s)\n", r, (int)usr1);
    return 0;
}
