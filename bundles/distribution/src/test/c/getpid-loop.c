/* Calls getpid once a second, N times, saying whether a bundle served it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 5;
    for (int i = 0; i < n; i++) {
        long r = syscall(SYS_getpid);
        printf("getpid: %s\n", r >= 0 ? "ok" : errno == ENOSYS ? "ENOSYS" : "error");
        fflush(stdout);
        sleep(1);
    }
    return 0;
}
