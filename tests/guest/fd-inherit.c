/*
 * fd-inherit: prints what the process inherited above fd 2 (number, close-on-exec flag, access
 * mode, the target's name) and reads a line from fd 5 when it is open. Run it with extra fds
 * (InheritedFdsTest: bash -c 'exec 5</etc/hostname 7>/dev/null; exec PROGRAM'): a process
 * the shell starts has the shell's fds at the same numbers.
 */
#include "check.h"
#include <fcntl.h>

int main(void)
{
    for (int fd = 3; fd < 16; fd++) {
        int fdflags = fcntl(fd, F_GETFD);
        if (fdflags < 0)
            continue;
        int fl = fcntl(fd, F_GETFL);
        char path[64], target[256];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(path, target, sizeof target - 1);
        target[n > 0 ? n : 0] = 0;
        printf("fd %d: cloexec %d, access %d, %s\n", fd, (fdflags & FD_CLOEXEC) != 0, fl & O_ACCMODE, target);
    }
    char line[256];
    ssize_t got = read(5, line, sizeof line - 1);
    if (got >= 0) {
        line[got] = 0;
        printf("fd 5 reads %zd bytes\n", got);
    }
    return 0;
}
