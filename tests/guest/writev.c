/* writev to stdout gathers buffers in order (a zero-length one included); readv scatters. */
#include "check.h"
#include <sys/uio.h>

int main(void)
{
    char first[] = "gathered ", empty[] = "", second[] = "by ", third[] = "writev\n";
    struct iovec iov[4] = {
        {first, strlen(first)}, {empty, 0}, {second, strlen(second)}, {third, strlen(third)},
    };
    long written = writev(1, iov, 4);
    printf("writev returned: %ld\n", written);
    SHOW("writev(0 buffers)", writev(1, iov, 0));
    EXPECT_ERRNO("writev(-1 buffers)", syscall(SYS_writev, 1, iov, -1), EINVAL);
    EXPECT_ERRNO("writev(bad iov)", syscall(SYS_writev, 1, (struct iovec *)8, 1), EFAULT);
    struct iovec bad_base = {(void *)8, 4};
    EXPECT_ERRNO("writev(bad base)", syscall(SYS_writev, 1, &bad_base, 1), EFAULT);
    fflush(stdout);

    int p[2];
    if (pipe(p) != 0)
        return 2;
    SHOW("write to pipe", write(p[1], "abcdefghij", 10));
    char x[3] = {0}, y[8] = {0};
    struct iovec in[2] = {{x, 2}, {y, 7}};
    SHOW("readv from pipe", readv(p[0], in, 2));
    printf("scattered: [%s] [%s]\n", x, y);
    return check_status();
}
