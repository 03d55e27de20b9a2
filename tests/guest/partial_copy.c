/*
 * A buffer that starts in mapped memory and runs into an unmapped page: Linux copies what
 * it can. A pipe write returns the bytes before the hole; a read fills up to the hole and
 * returns that count. Only a buffer that faults on its first byte gives EFAULT.
 */
#include "check.h"
#include <sys/mman.h>

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(two + page, page);
    char *tail = two + page - 10;
    memcpy(tail, "ABCDEFGHIJ", 10);

    int p[2];
    if (pipe(p) != 0)
        return 2;
    SHOW("write(pipe, 10 mapped + 90 unmapped)", syscall(SYS_write, p[1], tail, 100));
    char got[32] = {0};
    SHOW("read(pipe) back", syscall(SYS_read, p[0], got, sizeof got - 1));
    printf("pipe holds: %s\n", got);

    syscall(SYS_write, p[1], "0123456789abcdefghij", 20);
    memset(tail, '.', 10);
    SHOW("read(pipe, 10 mapped + 90 unmapped)", syscall(SYS_read, p[0], tail, 100));
    printf("mapped part now: %.10s\n", tail);
    memset(got, 0, sizeof got);
    SHOW("read(pipe) remainder", syscall(SYS_read, p[0], got, sizeof got - 1));
    printf("remainder: %s\n", got);
    return check_status();
}
