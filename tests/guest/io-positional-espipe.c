/*
 * Linux's order of checks for positional transfers: a negative offset is EINVAL before the fd
 * is looked at, and a description without a position (pipe, FIFO, eventfd) is ESPIPE before its
 * access mode: pread on a pipe's write end is ESPIPE, not EBADF.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/uio.h>

int main(void)
{
    int p[2];
    char buf[8] = "x";
    struct iovec iov = {buf, sizeof buf};
    expect("pipe", pipe(p) == 0);
    EXPECT_ERRNO("pread on the write end", pread(p[1], buf, sizeof buf, 0), ESPIPE);
    EXPECT_ERRNO("pwrite on the read end", pwrite(p[0], buf, 1, 0), ESPIPE);
    EXPECT_ERRNO("preadv on the write end", preadv(p[1], &iov, 1, 0), ESPIPE);
    EXPECT_ERRNO("pwritev on the read end", pwritev(p[0], &iov, 1, 0), ESPIPE);
    EXPECT_ERRNO("pread on the read end", pread(p[0], buf, sizeof buf, 0), ESPIPE);
    EXPECT_ERRNO("pwrite on the write end", pwrite(p[1], buf, 1, 0), ESPIPE);

    int e = eventfd(0, 0);
    EXPECT_ERRNO("pread on an eventfd", pread(e, buf, 8, 0), ESPIPE);

    EXPECT_ERRNO("pread, negative offset, bad fd", pread(999, buf, 1, -1), EINVAL);
    EXPECT_ERRNO("preadv, negative offset, bad fd", preadv(999, &iov, 1, -5), EINVAL);
    EXPECT_ERRNO("pread, bad fd", pread(999, buf, 1, 0), EBADF);

    int f = open("/proc/self/exe", O_RDONLY);
    EXPECT_ERRNO("pwrite on a read-only file", pwrite(f, buf, 1, 0), EBADF);
    EXPECT_ERRNO("pread, negative offset, file", pread(f, buf, 1, -1), EINVAL);
    SHOW("pread at 0 of a file", pread(f, buf, 4, 0));
    close(f);
    return check_failures ? 1 : 0;
}
