/*
 * prctl: the options real programs use, with Linux's argument checks. The thread name
 * (PR_SET_NAME/PR_GET_NAME and what /proc/self/comm and /proc/self/task/TID/comm show), the
 * parent-death signal, dumpable, no_new_privs, keepcaps, the child-subreaper flag, timer slack,
 * the bounding set and seccomp mode as they read, and EINVAL for unknown options and bad values.
 */
#include "check.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>

#define CAP_CHOWN 0

static long call(int option, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)
{
    return syscall(SYS_prctl, option, a2, a3, a4, a5);
}

static void result(const char *label, long r)
{
    if (r == -1)
        printf("%s: %s\n", label, errno_name(errno));
    else
        printf("%s: %ld\n", label, r);
}

static void show_file(const char *label, const char *path)
{
    char buf[64] = {0};
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (fd >= 0)
        close(fd);
    printf("%s: %s", label, n < 0 ? "(unreadable)\n" : buf);
}

static void *named_thread(void *arg)
{
    (void) arg;
    char path[64], name[16] = {0};
    result("thread PR_GET_NAME inherited", call(PR_GET_NAME, (unsigned long) name, 0, 0, 0));
    printf("thread name inherited: %s\n", name);
    result("thread PR_SET_NAME", call(PR_SET_NAME, (unsigned long) "worker", 0, 0, 0));
    snprintf(path, sizeof path, "/proc/self/task/%ld/comm", syscall(SYS_gettid));
    show_file("thread's task comm", path);
    show_file("process comm while a thread is named", "/proc/self/comm");
    return NULL;
}

int main(void)
{
    char name[32];
    memset(name, 'x', sizeof name);
    result("PR_GET_NAME", call(PR_GET_NAME, (unsigned long) name, 0, 0, 0));
    printf("name: %s (terminated at %d)\n", name, (int) strlen(name));
    result("PR_SET_NAME long", call(PR_SET_NAME, (unsigned long) "a-very-long-thread-name", 0, 0, 0));
    call(PR_GET_NAME, (unsigned long) name, 0, 0, 0);
    printf("name cut: %s\n", name);
    show_file("/proc/self/comm", "/proc/self/comm");
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", getpid());
    show_file("main task comm", path);
    result("PR_SET_NAME bad pointer", call(PR_SET_NAME, 8, 0, 0, 0));
    result("PR_GET_NAME bad pointer", call(PR_GET_NAME, 8, 0, 0, 0));
    result("PR_SET_NAME main", call(PR_SET_NAME, (unsigned long) "main", 0, 0, 0));
    pthread_t t;
    pthread_create(&t, NULL, named_thread, NULL);
    pthread_join(t, NULL);

    int sig = -1;
    result("PR_GET_PDEATHSIG", call(PR_GET_PDEATHSIG, (unsigned long) &sig, 0, 0, 0));
    printf("pdeathsig: %d\n", sig);
    result("PR_SET_PDEATHSIG 65", call(PR_SET_PDEATHSIG, 65, 0, 0, 0));
    result("PR_SET_PDEATHSIG -1", call(PR_SET_PDEATHSIG, -1UL, 0, 0, 0));
    result("PR_SET_PDEATHSIG SIGUSR1", call(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0));
    call(PR_GET_PDEATHSIG, (unsigned long) &sig, 0, 0, 0);
    printf("pdeathsig now: %d\n", sig);
    result("PR_GET_PDEATHSIG bad pointer", call(PR_GET_PDEATHSIG, 8, 0, 0, 0));
    result("PR_SET_PDEATHSIG 0", call(PR_SET_PDEATHSIG, 0, 0, 0, 0));

    result("PR_GET_DUMPABLE", call(PR_GET_DUMPABLE, 0, 0, 0, 0));
    result("PR_SET_DUMPABLE 2", call(PR_SET_DUMPABLE, 2, 0, 0, 0));
    result("PR_SET_DUMPABLE 0", call(PR_SET_DUMPABLE, 0, 0, 0, 0));
    result("PR_GET_DUMPABLE after 0", call(PR_GET_DUMPABLE, 0, 0, 0, 0));
    result("PR_SET_DUMPABLE 1", call(PR_SET_DUMPABLE, 1, 0, 0, 0));

    result("PR_GET_NO_NEW_PRIVS", call(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    result("PR_GET_NO_NEW_PRIVS extra argument", call(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0));
    result("PR_SET_NO_NEW_PRIVS 2", call(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0));
    result("PR_SET_NO_NEW_PRIVS extra argument", call(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0));

    result("PR_GET_KEEPCAPS", call(PR_GET_KEEPCAPS, 0, 0, 0, 0));
    result("PR_SET_KEEPCAPS 2", call(PR_SET_KEEPCAPS, 2, 0, 0, 0));
    result("PR_SET_KEEPCAPS 1", call(PR_SET_KEEPCAPS, 1, 0, 0, 0));
    result("PR_GET_KEEPCAPS after 1", call(PR_GET_KEEPCAPS, 0, 0, 0, 0));
    result("PR_SET_KEEPCAPS 0", call(PR_SET_KEEPCAPS, 0, 0, 0, 0));

    int reaper = -1;
    result("PR_GET_CHILD_SUBREAPER", call(PR_GET_CHILD_SUBREAPER, (unsigned long) &reaper, 0, 0, 0));
    printf("subreaper: %d\n", reaper);
    result("PR_SET_CHILD_SUBREAPER 1", call(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
    call(PR_GET_CHILD_SUBREAPER, (unsigned long) &reaper, 0, 0, 0);
    printf("subreaper now: %d\n", reaper);
    result("PR_GET_CHILD_SUBREAPER bad pointer", call(PR_GET_CHILD_SUBREAPER, 8, 0, 0, 0));

    long slack = call(PR_GET_TIMERSLACK, 0, 0, 0, 0);
    printf("PR_GET_TIMERSLACK positive: %s\n", slack > 0 ? "yes" : "no");
    result("PR_SET_TIMERSLACK 123456", call(PR_SET_TIMERSLACK, 123456, 0, 0, 0));
    result("PR_GET_TIMERSLACK after set", call(PR_GET_TIMERSLACK, 0, 0, 0, 0));
    result("PR_SET_TIMERSLACK 0 (default)", call(PR_SET_TIMERSLACK, 0, 0, 0, 0));
    printf("timer slack back to its start: %s\n", call(PR_GET_TIMERSLACK, 0, 0, 0, 0) == slack ? "yes" : "no");

    result("PR_CAPBSET_READ CAP_CHOWN", call(PR_CAPBSET_READ, CAP_CHOWN, 0, 0, 0));
    result("PR_CAPBSET_READ 1000", call(PR_CAPBSET_READ, 1000, 0, 0, 0));
    result("PR_GET_SECCOMP", call(PR_GET_SECCOMP, 0, 0, 0, 0));
    result("PR_SET_VMA unknown attribute", call(0x53564d41, 99, 0, 0, 0));
    result("unknown option 12345", call(12345, 0, 0, 0, 0));
    result("unknown option -1", call(-1, 0, 0, 0, 0));
    result("PR_SET_NO_NEW_PRIVS 1", call(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    result("PR_GET_NO_NEW_PRIVS after set", call(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    return check_failures ? 1 : 0;
}
