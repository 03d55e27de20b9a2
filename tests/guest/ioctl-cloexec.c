/*
 * FIOCLEX / FIONCLEX set and clear the close-on-exec flag of one descriptor (checked with
 * F_GETFD): on a directory, a dup of it (the flag is per descriptor), a file opened O_CLOEXEC,
 * a pipe. On an O_PATH descriptor Linux refuses every ioctl with EBADF while fcntl(F_SETFD)
 * works. With the argument "compat" the program expects osgix's --compat=opath-cloexec-ioctl
 * behaviour instead (FIOCLEX/FIONCLEX honoured on O_PATH) and has no native counterpart.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/ioctl.h>

static void show_flag(const char *label, int fd)
{
    printf("%s: %d\n", label, fcntl(fd, F_GETFD));
}

/* FIOCLEX then FIONCLEX on fd, each followed by F_GETFD; expects 1 then 0. */
static void flip(const char *name, int fd)
{
    char label[96];
    snprintf(label, sizeof label, "%s FIOCLEX", name);
    SHOW(label, ioctl(fd, FIOCLEX));
    snprintf(label, sizeof label, "%s F_GETFD after FIOCLEX", name);
    show_flag(label, fd);
    expect(label, fcntl(fd, F_GETFD) == FD_CLOEXEC);
    snprintf(label, sizeof label, "%s FIONCLEX", name);
    SHOW(label, ioctl(fd, FIONCLEX));
    snprintf(label, sizeof label, "%s F_GETFD after FIONCLEX", name);
    expect(label, fcntl(fd, F_GETFD) == 0);
}

static void opath_linux(int path)
{
    EXPECT_ERRNO("opath FIOCLEX", ioctl(path, FIOCLEX), EBADF);
    expect("opath flag unchanged by FIOCLEX", fcntl(path, F_GETFD) == 0);
    SHOW("opath F_SETFD FD_CLOEXEC", fcntl(path, F_SETFD, FD_CLOEXEC));
    expect("opath F_GETFD after F_SETFD", fcntl(path, F_GETFD) == FD_CLOEXEC);
    EXPECT_ERRNO("opath FIONCLEX", ioctl(path, FIONCLEX), EBADF);
    expect("opath flag unchanged by FIONCLEX", fcntl(path, F_GETFD) == FD_CLOEXEC);
    SHOW("opath F_SETFD 0", fcntl(path, F_SETFD, 0));
    expect("opath F_GETFD after F_SETFD 0", fcntl(path, F_GETFD) == 0);
    printf("opath mode: linux %s\n", check_failures ? "mismatch" : "ok");
}

static void opath_compat(int path)
{
    int ok = ioctl(path, FIOCLEX) == 0 && fcntl(path, F_GETFD) == FD_CLOEXEC
        && ioctl(path, FIONCLEX) == 0 && fcntl(path, F_GETFD) == 0
        && fcntl(path, F_SETFD, FD_CLOEXEC) == 0 && fcntl(path, F_GETFD) == FD_CLOEXEC;
    /* other ioctls stay refused on O_PATH descriptors */
    int nonblocking = 1;
    ok = ok && ioctl(path, FIONBIO, &nonblocking) == -1 && errno == EBADF;
    expect("opath compat honoured", ok);
    printf("opath compat: %s\n", ok ? "ok" : "mismatch");
}

int main(int argc, char **argv)
{
    int compat = argc > 1 && strcmp(argv[1], "compat") == 0;
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    int path = open(".", O_PATH);
    if (dir < 0 || path < 0) {
        perror("open");
        return 2;
    }
    if (compat) {
        opath_compat(path);
        return check_status();
    }
    show_flag("dir F_GETFD at open", dir);
    flip("dir", dir);

    int copy = dup(dir);
    SHOW("dup FIOCLEX", ioctl(copy, FIOCLEX));
    expect("dup has the flag", fcntl(copy, F_GETFD) == FD_CLOEXEC);
    expect("original keeps its own flag", fcntl(dir, F_GETFD) == 0);
    close(copy);
    EXPECT_ERRNO("FIOCLEX on the closed dup", ioctl(copy, FIOCLEX), EBADF);
    EXPECT_ERRNO("FIONCLEX on fd -1", ioctl(-1, FIONCLEX), EBADF);

    int cloexec_file = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    show_flag("O_CLOEXEC file F_GETFD at open", cloexec_file);
    SHOW("O_CLOEXEC file FIONCLEX", ioctl(cloexec_file, FIONCLEX));
    expect("O_CLOEXEC file flag cleared", fcntl(cloexec_file, F_GETFD) == 0);

    int fds[2];
    if (pipe(fds) != 0)
        return 2;
    flip("pipe read end", fds[0]);
    flip("pipe write end", fds[1]);

    /* the argument is ignored; repeating a flip is harmless */
    SHOW("FIOCLEX with a wild argument", ioctl(dir, FIOCLEX, (void *)16));
    SHOW("FIOCLEX twice", ioctl(dir, FIOCLEX));
    expect("still set", fcntl(dir, F_GETFD) == FD_CLOEXEC);

    /* the kernel's fd and request are unsigned ints: upper register halves are ignored */
    SHOW("FIONCLEX, request with high bits", syscall(SYS_ioctl, dir, 0x100000000L | FIONCLEX, 0));
    SHOW("FIOCLEX, fd with high bits", syscall(SYS_ioctl, 0x700000000L | dir, FIOCLEX, 0));
    expect("set through the truncated fd", fcntl(dir, F_GETFD) == FD_CLOEXEC);


    opath_linux(path);
    return check_status();
}
