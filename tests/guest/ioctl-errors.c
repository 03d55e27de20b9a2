/*
 * ioctl failures: EBADF for a descriptor that is not open (checked before anything else) and for
 * every request on an O_PATH descriptor; ENOTTY for unknown requests and for terminal requests on
 * files that are not terminals, even with a bad pointer; EFAULT for a bad pointer where the
 * request is supported. FIOASYNC: records O_ASYNC where asynchronous notification exists (pipes),
 * ENOTTY where it does not (regular files, /dev/null) unless nothing changes.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>

#define BAD ((void *)16)

int main(void)
{
    int fds[2], n = 0, on = 1, off = 0;
    struct termios t;
    struct winsize w;
    if (pipe(fds) != 0)
        return 2;
    int file = open("/proc/self/exe", O_RDONLY);
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    int path = open(".", O_PATH);

    EXPECT_ERRNO("unknown request, pipe", ioctl(fds[0], 0x1234, &n), ENOTTY);
    EXPECT_ERRNO("unknown request, file", ioctl(file, 0x1234, &n), ENOTTY);
    EXPECT_ERRNO("unknown request, directory", ioctl(dir, 0x1234, &n), ENOTTY);
    EXPECT_ERRNO("unknown encoded request, pipe", ioctl(fds[0], _IOR('x', 7, int), &n), ENOTTY);

    EXPECT_ERRNO("TCGETS, pipe", ioctl(fds[0], TCGETS, &t), ENOTTY);
    EXPECT_ERRNO("TCGETS, pipe, bad pointer", ioctl(fds[0], TCGETS, BAD), ENOTTY);
    EXPECT_ERRNO("TCSETS, pipe, bad pointer", ioctl(fds[0], TCSETS, BAD), ENOTTY);
    EXPECT_ERRNO("TCSETSW, file", ioctl(file, TCSETSW, &t), ENOTTY);
    EXPECT_ERRNO("TIOCGWINSZ, pipe", ioctl(fds[1], TIOCGWINSZ, &w), ENOTTY);
    EXPECT_ERRNO("TIOCSWINSZ, directory", ioctl(dir, TIOCSWINSZ, &w), ENOTTY);
    EXPECT_ERRNO("TIOCGPGRP, pipe", ioctl(fds[0], TIOCGPGRP, &n), ENOTTY);
    EXPECT_ERRNO("TIOCSPGRP, pipe, bad pointer", ioctl(fds[0], TIOCSPGRP, BAD), ENOTTY);
    EXPECT_ERRNO("TIOCSCTTY, pipe", ioctl(fds[0], TIOCSCTTY, 0), ENOTTY);
    EXPECT_ERRNO("TIOCGPTN, pipe", ioctl(fds[0], TIOCGPTN, &n), ENOTTY);
    EXPECT_ERRNO("TIOCSPTLCK, file, bad pointer", ioctl(file, TIOCSPTLCK, BAD), ENOTTY);
    EXPECT_ERRNO("TCGETS, stdin (/dev/null)", ioctl(0, TCGETS, &t), ENOTTY);
    expect("isatty(pipe) is 0", !isatty(fds[0]));

    EXPECT_ERRNO("FIONBIO, closed fd", ioctl(77, FIONBIO, &on), EBADF);
    EXPECT_ERRNO("unknown request, closed fd", ioctl(77, 0x1234, BAD), EBADF);
    EXPECT_ERRNO("FIONBIO, fd -1, bad pointer", ioctl(-1, FIONBIO, BAD), EBADF);
    EXPECT_ERRNO("TCGETS, fd 1<<30", ioctl(1 << 30, TCGETS, &t), EBADF);

    EXPECT_ERRNO("FIONBIO, O_PATH", ioctl(path, FIONBIO, &on), EBADF);
    EXPECT_ERRNO("FIONBIO, O_PATH, bad pointer", ioctl(path, FIONBIO, BAD), EBADF);
    EXPECT_ERRNO("FIONREAD, O_PATH", ioctl(path, FIONREAD, &n), EBADF);
    EXPECT_ERRNO("TCGETS, O_PATH", ioctl(path, TCGETS, &t), EBADF);
    EXPECT_ERRNO("unknown request, O_PATH", ioctl(path, 0x1234, &n), EBADF);
    EXPECT_ERRNO("FIOCLEX, O_PATH", ioctl(path, FIOCLEX), EBADF);

    EXPECT_ERRNO("FIONBIO, bad pointer", ioctl(fds[0], FIONBIO, BAD), EFAULT);
    EXPECT_ERRNO("FIONBIO, null pointer", ioctl(fds[0], FIONBIO, NULL), EFAULT);
    EXPECT_ERRNO("FIOASYNC, bad pointer", ioctl(fds[0], FIOASYNC, BAD), EFAULT);

    SHOW("FIOASYNC on, pipe", ioctl(fds[0], FIOASYNC, &on));
    expect("pipe has O_ASYNC", (fcntl(fds[0], F_GETFL) & O_ASYNC) != 0);
    SHOW("FIOASYNC off, pipe", ioctl(fds[0], FIOASYNC, &off));
    expect("pipe lost O_ASYNC", (fcntl(fds[0], F_GETFL) & O_ASYNC) == 0);
    EXPECT_ERRNO("FIOASYNC on, file", ioctl(file, FIOASYNC, &on), ENOTTY);
    expect("file has no O_ASYNC", (fcntl(file, F_GETFL) & O_ASYNC) == 0);
    SHOW("FIOASYNC off, file (no change)", ioctl(file, FIOASYNC, &off));
    EXPECT_ERRNO("FIOASYNC on, directory", ioctl(dir, FIOASYNC, &on), ENOTTY);
    int null = open("/dev/null", O_RDWR);
    EXPECT_ERRNO("FIOASYNC on, /dev/null", ioctl(null, FIOASYNC, &on), ENOTTY);
    return check_status();
}
