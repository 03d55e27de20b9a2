/* Calls poll(NULL, 0, 0) directly: 0 where the poll family is present, ENOSYS where it is not. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    long r = syscall(SYS_poll, 0, 0, 0);
    if (r < 0) {
        printf("poll: -1 %s\n", errno == ENOSYS ? "ENOSYS" : strerror(errno));
    } else {
        printf("poll: %ld\n", r);
    }
    return 0;
}
