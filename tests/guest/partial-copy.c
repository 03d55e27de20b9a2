/*
 * A buffer that starts in mapped memory and runs into an unmapped page. Linux's answer
 * depends on the file type: regular files copy what they can and return the short count,
 * pipes refuse the whole transfer with EFAULT and keep their data. Only a buffer whose
 * first byte is bad fails everywhere.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/mman.h>

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(two + page, page);
    char *tail = two + page - 10; /* 10 good bytes, then the hole */
    memcpy(tail, "ABCDEFGHIJ", 10);
    char got[64];

    char path[] = "/tmp/osgix-partial-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    SHOW("write(file, 10 mapped + 90 unmapped)", syscall(SYS_write, fd, tail, 100));
    memset(got, 0, sizeof got);
    SHOW("pread(file) back", pread(fd, got, sizeof got - 1, 0));
    printf("file holds: %s\n", got);
    pwrite(fd, "0123456789abcdefghij", 20, 0);
    memset(tail, '.', 10);
    SHOW("pread(file, into 10 mapped + 90 unmapped)", syscall(SYS_pread64, fd, tail, 100, 0));
    printf("mapped part now: %.10s\n", tail);

    int p[2];
    if (pipe2(p, O_NONBLOCK) != 0)
        return 2;
    memcpy(tail, "ABCDEFGHIJ", 10);
    EXPECT_ERRNO("write(pipe, 10 mapped + 90 unmapped)", syscall(SYS_write, p[1], tail, 100), EFAULT);
    EXPECT_ERRNO("read(empty pipe)", read(p[0], got, sizeof got), EAGAIN);
    write(p[1], "0123456789", 10);
    EXPECT_ERRNO("read(pipe, into 5 mapped + unmapped)", syscall(SYS_read, p[0], tail + 5, 100), EFAULT);
    memset(got, 0, sizeof got);
    SHOW("read(pipe) after the fault", read(p[0], got, sizeof got - 1));
    printf("pipe still holds: %s\n", got);
    return check_status();
}
