/*
 * Descriptor semantics: dup'ed descriptors share the file offset and the status flags but not
 * close-on-exec; dup2/dup3 edge cases; F_DUPFD minimums; close_range with and without
 * CLOSE_RANGE_CLOEXEC; F_SETFL's settable flags; record locks (F_SETLK, F_GETLK, OFD locks
 * between two opens) and flock between two opens.
 */
#include "files-common.h"
#include <sys/file.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC 4
#endif
#ifndef F_OFD_SETLK
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#endif

static int is_open(int fd)
{
    return fcntl(fd, F_GETFD) != -1;
}

int main(void)
{
    char dir[64];
    int d = temp_dir(dir, "fcntl");
    int f = openat(d, "file", O_CREAT | O_RDWR, 0600);
    write(f, "0123456789", 10);

    int g = dup(f);
    lseek(f, 3, SEEK_SET);
    FSHOW("dup shares the offset", lseek(g, 0, SEEK_CUR));
    fcntl(f, F_SETFL, O_APPEND | O_NONBLOCK);
    FSHOW("dup shares status flags (O_APPEND|O_NONBLOCK set on the other)",
          (fcntl(g, F_GETFL) & (O_APPEND | O_NONBLOCK)) == (O_APPEND | O_NONBLOCK));
    fcntl(f, F_SETFL, O_RDONLY | O_CREAT | O_TRUNC);
    FSHOW("F_SETFL ignores access mode and creation flags: F_GETFL", fcntl(f, F_GETFL) & ~0100000);
    fcntl(f, F_SETFD, FD_CLOEXEC);
    FSHOW("close-on-exec is per descriptor: the dup's F_GETFD", fcntl(g, F_GETFD));

    FSHOW("dup2(f, f)", dup2(f, f));
    FEXPECT_ERRNO("dup3(f, f, 0)", syscall(SYS_dup3, f, f, 0), EINVAL);
    FEXPECT_ERRNO("dup3 with a bad flag", syscall(SYS_dup3, f, 50, O_NONBLOCK), EINVAL);
    FEXPECT_ERRNO("dup2 from a closed fd", dup2(77, 78), EBADF);
    FEXPECT_ERRNO("dup2 to a negative fd", syscall(SYS_dup2, f, -1), EBADF);
    FSHOW("dup3(f, 40, O_CLOEXEC)", dup3(f, 40, O_CLOEXEC));
    FSHOW("its F_GETFD", fcntl(40, F_GETFD));
    FSHOW("dup2 over an open fd", dup2(g, 40));
    FSHOW("F_GETFD after dup2 replaced it", fcntl(40, F_GETFD));
    FSHOW("F_DUPFD 30", fcntl(f, F_DUPFD, 30));
    FSHOW("F_DUPFD 30 again takes the next", fcntl(f, F_DUPFD, 30));
    FSHOW("F_DUPFD_CLOEXEC 30", fcntl(f, F_DUPFD_CLOEXEC, 30));
    FSHOW("its F_GETFD", fcntl(32, F_GETFD));
    FEXPECT_ERRNO("F_DUPFD beyond RLIMIT_NOFILE", fcntl(f, F_DUPFD, 1 << 30), EINVAL);
    FEXPECT_ERRNO("unknown fcntl command", fcntl(f, 9999), EINVAL);
    FEXPECT_ERRNO("fcntl on a closed fd", fcntl(99, F_GETFD), EBADF);

    for (int fd = 50; fd < 56; fd++)
        dup2(f, fd);
    FSHOW("close_range(52, 53, CLOSE_RANGE_CLOEXEC)", syscall(SYS_close_range, 52, 53, CLOSE_RANGE_CLOEXEC));
    printf("F_GETFD of 51..54: %d %d %d %d\n", fcntl(51, F_GETFD), fcntl(52, F_GETFD), fcntl(53, F_GETFD),
           fcntl(54, F_GETFD));
    FSHOW("close_range(51, 54, 0)", syscall(SYS_close_range, 51, 54, 0));
    printf("open among 50..55: %d %d %d %d %d %d\n", is_open(50), is_open(51), is_open(52), is_open(53),
           is_open(54), is_open(55));
    FEXPECT_ERRNO("close_range with first > last", syscall(SYS_close_range, 10, 5, 0), EINVAL);
    FEXPECT_ERRNO("close_range with a bad flag", syscall(SYS_close_range, 50, 60, 1), EINVAL);
    FSHOW("close_range(50, ~0U, 0)", syscall(SYS_close_range, 50, ~0U, 0));
    printf("open 50 and 55 after: %d %d\n", is_open(50), is_open(55));
    FSHOW("close", close(g));
    FEXPECT_ERRNO("close again", close(g), EBADF);

    /* record locks: a process never conflicts with itself, OFD locks of two opens do */
    int a = openat(d, "file", O_RDWR);
    int b = openat(d, "file", O_RDWR);
    struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5};
    FSHOW("F_SETLK write lock", fcntl(a, F_SETLK, &lk));
    struct flock q = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5};
    FSHOW("F_GETLK from the same process", fcntl(b, F_GETLK, &q));
    printf("F_GETLK type: %s\n", q.l_type == F_UNLCK ? "F_UNLCK" : "locked");
    struct flock un = {.l_type = F_UNLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5};
    struct flock o0 = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5, .l_pid = 0};
    FEXPECT_ERRNO("F_OFD_SETLK over the process's own POSIX lock", fcntl(a, F_OFD_SETLK, &o0), EAGAIN);
    FSHOW("F_SETLK F_UNLCK", fcntl(a, F_SETLK, &un));
    struct flock o = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5, .l_pid = 0};
    FSHOW("F_OFD_SETLK on one open", fcntl(a, F_OFD_SETLK, &o));
    struct flock o2 = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2, .l_len = 1, .l_pid = 0};
    FEXPECT_ERRNO("F_OFD_SETLK on the other open", fcntl(b, F_OFD_SETLK, &o2), EAGAIN);
    struct flock o3 = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2, .l_len = 1, .l_pid = 0};
    FSHOW("F_OFD_GETLK from the other open", fcntl(b, F_OFD_GETLK, &o3));
    printf("conflict found: %s from %ld\n", o3.l_type == F_WRLCK ? "F_WRLCK" : "none", (long)o3.l_start);
    FEXPECT_ERRNO("F_SETLK with a bad pointer", fcntl(a, F_SETLK, (void *)8), EFAULT);

    FSHOW("flock LOCK_EX", flock(a, LOCK_EX | LOCK_NB));
    FEXPECT_ERRNO("flock LOCK_EX on another open", flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
    FSHOW("flock LOCK_SH on a dup of the holder", flock(dup(a), LOCK_SH | LOCK_NB));
    FSHOW("flock LOCK_UN", flock(a, LOCK_UN));
    FSHOW("flock LOCK_EX on the other open now", flock(b, LOCK_EX | LOCK_NB));
    FEXPECT_ERRNO("flock with a bad operation", flock(b, 0), EINVAL);

    int p[2];
    pipe(p);
    FSHOW("F_GETPIPE_SZ", fcntl(p[0], F_GETPIPE_SZ));
    FSHOW("F_SETPIPE_SZ 8192", fcntl(p[1], F_SETPIPE_SZ, 8192));
    FSHOW("F_GETPIPE_SZ on the other end", fcntl(p[0], F_GETPIPE_SZ));
    FEXPECT_ERRNO("F_GETPIPE_SZ on a file", fcntl(a, F_GETPIPE_SZ), EBADF);

    unlinkat(d, "file", 0);
    rmdir(dir);
    return check_status();
}
