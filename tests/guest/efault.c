/*
 * Bad guest pointers make system calls fail with EFAULT instead of crashing: a tiny
 * address, a just-unmapped page, a PROT_NONE page, a read-only page as a read target and
 * a kernel-half address. Raw syscalls are used so libc and the vDSO are not involved.
 * stdout must be a pipe, file or terminal (the driver uses a pipe): writes to /dev/null
 * never read the buffer, so they succeed even from a bad address.
 */
#include "check.h"
#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <time.h>

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *unmapped = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(unmapped, page);
    char *none = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *readonly = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void *kernel = (void *)0xffff800000001000UL;
    int p[2];
    if (pipe(p) != 0)
        return 2;

    EXPECT_ERRNO("write(1, 1, 10)", syscall(SYS_write, 1, (void *)1, 10), EFAULT);
    EXPECT_ERRNO("write(1, unmapped, 10)", syscall(SYS_write, 1, unmapped, 10), EFAULT);
    EXPECT_ERRNO("write(1, PROT_NONE, 10)", syscall(SYS_write, 1, none, 10), EFAULT);
    EXPECT_ERRNO("write(1, kernel address, 10)", syscall(SYS_write, 1, kernel, 10), EFAULT);

    syscall(SYS_write, p[1], "0123456789", 10);
    EXPECT_ERRNO("read(pipe, unmapped, 4)", syscall(SYS_read, p[0], unmapped, 4), EFAULT);
    EXPECT_ERRNO("read(pipe, read-only page, 4)", syscall(SYS_read, p[0], readonly, 4), EFAULT);
    char rest[16] = {0};
    SHOW("read(pipe) after the faults", syscall(SYS_read, p[0], rest, sizeof rest));
    printf("data still in pipe: %s\n", rest);

    EXPECT_ERRNO("uname(unmapped)", syscall(SYS_uname, unmapped), EFAULT);
    EXPECT_ERRNO("clock_gettime(MONOTONIC, 1)", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)1), EFAULT);
    EXPECT_ERRNO("gettimeofday(1, NULL)", syscall(SYS_gettimeofday, (void *)1, NULL), EFAULT);
    EXPECT_ERRNO("openat(bad path)", syscall(SYS_openat, AT_FDCWD, (void *)1, O_RDONLY), EFAULT);
    EXPECT_ERRNO("newfstatat(bad path)", syscall(SYS_newfstatat, AT_FDCWD, (void *)1, readonly, 0), EFAULT);
    EXPECT_ERRNO("fstat(0, bad buffer)", syscall(SYS_fstat, 0, (void *)1), EFAULT);
    EXPECT_ERRNO("pipe(bad)", syscall(SYS_pipe2, (void *)1, 0), EFAULT);
    EXPECT_ERRNO("getrandom(bad)", syscall(SYS_getrandom, unmapped, 8, 0), EFAULT);
    EXPECT_ERRNO("nanosleep(bad)", syscall(SYS_nanosleep, (void *)1, NULL), EFAULT);
    EXPECT_ERRNO("writev(1, bad iov, 1)", syscall(SYS_writev, 1, (void *)1, 1), EFAULT);
    EXPECT_ERRNO("sched_getaffinity(bad mask)", syscall(SYS_sched_getaffinity, 0, 128, (void *)1), EFAULT);
    EXPECT_ERRNO("getcwd(bad, 100)", syscall(SYS_getcwd, (void *)1, 100), EFAULT);
    EXPECT_ERRNO("prlimit64(bad old)", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, (void *)1), EFAULT);
    EXPECT_ERRNO("futex(unmapped, WAIT)", syscall(SYS_futex, unmapped, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT);
    EXPECT_ERRNO("clock_getres(MONOTONIC, bad)", syscall(SYS_clock_getres, CLOCK_MONOTONIC, (void *)1), EFAULT);
    EXPECT_ERRNO("rt_sigaction(bad act)", syscall(SYS_rt_sigaction, 10, (void *)1, NULL, 8), EFAULT);
    return check_status();
}
