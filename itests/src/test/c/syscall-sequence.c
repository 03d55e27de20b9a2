/*
 * syscall-sequence: ends with a known series of raw syscalls, so a tracer can check that it saw
 * each of them, in order, with its arguments and results: getpid, getppid, getuid, getgid,
 * geteuid, getegid, uname, write(1, "sequence done\n", 14), exit_group(7).
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(void)
{
    static struct utsname u;
    syscall(SYS_getpid);
    syscall(SYS_getppid);
    syscall(SYS_getuid);
    syscall(SYS_getgid);
    syscall(SYS_geteuid);
    syscall(SYS_getegid);
    syscall(SYS_uname, &u);
    syscall(SYS_write, 1, "sequence done\n", 14);
    syscall(SYS_exit_group, 7);
    return 0;
}
