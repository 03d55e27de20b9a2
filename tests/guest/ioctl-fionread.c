/*
 * FIONREAD (TIOCINQ): bytes queued in a pipe (on either end), size minus offset for a regular
 * file (negative past the end), ENOTTY for files without the notion (a directory, /dev/null),
 * EFAULT for a bad pointer where the request is supported.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/ioctl.h>

static void show_available(const char *label, int fd)
{
    int n = -12345;
    errno = 0;
    int r = ioctl(fd, FIONREAD, &n);
    if (r == 0)
        printf("%s: %d\n", label, n);
    else
        printf("%s: -1 %s\n", label, errno_name(errno));
}

int main(void)
{
    int fds[2];
    char buf[8];
    if (pipe(fds) != 0)
        return 2;
    show_available("empty pipe", fds[0]);
    if (write(fds[1], "hello", 5) != 5)
        return 2;
    show_available("pipe after writing 5", fds[0]);
    show_available("pipe write end", fds[1]);
    if (read(fds[0], buf, 2) != 2)
        return 2;
    show_available("pipe after reading 2", fds[0]);
    EXPECT_ERRNO("pipe, bad pointer", ioctl(fds[0], FIONREAD, (void *)16), EFAULT);

    char name[] = "/tmp/osgix-fionread-XXXXXX";
    int file = mkstemp(name);
    if (file < 0)
        return 2;
    unlink(name);
    show_available("empty file", file);
    if (write(file, "hello world", 11) != 11)
        return 2;
    show_available("file at its end", file);
    lseek(file, 3, SEEK_SET);
    show_available("file at offset 3", file);
    lseek(file, 100, SEEK_SET);
    show_available("file past its end", file);
    EXPECT_ERRNO("file, bad pointer", ioctl(file, FIONREAD, (void *)16), EFAULT);
    int reader = open("/proc/self/exe", O_RDONLY);
    int n = 0;
    expect("a program file has bytes to read", ioctl(reader, FIONREAD, &n) == 0 && n > 1000);

    int dir = open(".", O_RDONLY | O_DIRECTORY);
    show_available("directory", dir);
    EXPECT_ERRNO("directory, bad pointer", ioctl(dir, FIONREAD, (void *)16), ENOTTY);
    int null = open("/dev/null", O_RDONLY);
    show_available("/dev/null", null);
    show_available("closed fd", 99);
    return check_status();
}
