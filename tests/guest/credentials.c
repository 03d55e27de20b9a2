/*
 * credentials: user and group ids and supplementary groups, set and read with the raw calls.
 * Run as root (the suite does), it first changes ids with privilege, then drops the effective
 * uid and checks the unprivileged rules (EPERM unless the id is one the process already has),
 * that a fork child inherits the ids and that execve copies the effective ids to the saved ones.
 * Run as another user, the privileged steps print EPERM instead, natively and under osgix alike.
 */
#include "check.h"
#include <sys/wait.h>

static void show(const char *when)
{
    unsigned r, e, s, gr, ge, gs;
    syscall(SYS_getresuid, &r, &e, &s);
    syscall(SYS_getresgid, &gr, &ge, &gs);
    long fsuid = syscall(SYS_setfsuid, -1);
    long fsgid = syscall(SYS_setfsgid, -1);
    gid_t groups[16];
    long n = syscall(SYS_getgroups, 16, groups);
    printf("%s: uid %u %u %u fs %ld, gid %u %u %u fs %ld, groups", when, r, e, s, fsuid, gr, ge, gs, fsgid);
    for (long i = 0; i < n; i++)
        printf(" %u", groups[i]);
    printf("\n");
    expect("getuid and geteuid agree with getresuid", syscall(SYS_getuid) == r && syscall(SYS_geteuid) == e);
    expect("getgid and getegid agree with getresgid", syscall(SYS_getgid) == gr && syscall(SYS_getegid) == ge);
}

static void result(const char *label, long r)
{
    printf("%s: %s\n", label, r == -1 ? errno_name(errno) : "0");
}

int main(int argc, char **argv)
{
    if (argc > 1) { /* after execve */
        show("after execve");
        return check_failures ? 1 : 0;
    }
    show("start");
    gid_t list[3] = {30, 10, 20};
    result("setgroups over NGROUPS_MAX", syscall(SYS_setgroups, 65537, list));
    result("setgroups negative size", syscall(SYS_setgroups, -1, list));
    result("setgroups bad pointer", syscall(SYS_setgroups, 2, (void *) 8));
    gid_t bad[2] = {5, (gid_t) -1};
    result("setgroups with gid -1", syscall(SYS_setgroups, 2, bad));
    result("setgroups 30 10 20", syscall(SYS_setgroups, 3, list));
    printf("getgroups(0): %ld\n", syscall(SYS_getgroups, 0, NULL));
    result("getgroups too small", syscall(SYS_getgroups, 2, list));
    result("getgroups negative", syscall(SYS_getgroups, -1, list));
    result("getgroups bad pointer", syscall(SYS_getgroups, 3, (void *) 8));
    result("setuid(-1)", syscall(SYS_setuid, -1));
    result("setgid(-1)", syscall(SYS_setgid, -1));
    result("setresgid 100 101 102", syscall(SYS_setresgid, 100, 101, 102));
    printf("setfsgid 7 returns %ld\n", syscall(SYS_setfsgid, 7));
    printf("setfsgid back returns %ld\n", syscall(SYS_setfsgid, 101));
    result("setresuid 1000 0 1001", syscall(SYS_setresuid, 1000, 0, 1001));
    printf("setfsuid 5 returns %ld\n", syscall(SYS_setfsuid, 5));
    printf("setfsuid 0 returns %ld\n", syscall(SYS_setfsuid, 0));
    show("privileged changes");

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        execl("/proc/self/exe", argv[0], "exec", (char *) NULL);
        _exit(127);
    }
    int status;
    waitpid(child, &status, 0);
    printf("exec child: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    result("setreuid -1 1000", syscall(SYS_setreuid, -1, 1000));
    show("effective uid dropped");
    result("setuid 5", syscall(SYS_setuid, 5));
    result("setreuid 5 -1", syscall(SYS_setreuid, 5, -1));
    result("setresuid -1 0 -1", syscall(SYS_setresuid, -1, 0, -1));
    result("setgroups unprivileged", syscall(SYS_setgroups, 0, NULL));
    result("setgroups unprivileged bad size", syscall(SYS_setgroups, 65537, NULL));
    result("setgid 0", syscall(SYS_setgid, 0));
    result("setgid 102", syscall(SYS_setgid, 102));
    result("setregid 101 100", syscall(SYS_setregid, 101, 100));
    printf("setfsuid 9 returns %ld\n", syscall(SYS_setfsuid, 9));
    printf("setfsuid 1001 returns %ld\n", syscall(SYS_setfsuid, 1001));
    result("setuid 1001", syscall(SYS_setuid, 1001));
    show("unprivileged changes");

    fflush(stdout);
    child = fork();
    if (child == 0) {
        show("fork child");
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    waitpid(child, &status, 0);
    printf("fork child: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    result("setresuid 1001 1000 1000", syscall(SYS_setresuid, 1001, 1000, 1000));
    show("end");
    return check_failures ? 1 : 0;
}
