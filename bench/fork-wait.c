/* Process creation: fork, the child _exits at once, the parent waits for it; ns per round. */
#include "bench.h"
#include <sys/wait.h>
#include <unistd.h>

static long batch(long n)
{
    for (long i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            printf("fork-wait: n/a (fork: %s)\n", strerror(errno));
            return -1;
        }
        if (pid == 0)
            _exit(0);
        int status;
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
            printf("fork-wait: n/a (waitpid: %s)\n", strerror(errno));
            return -1;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    struct bench b = { "fork-wait", batch, 1, 1 };
    return bench_main(&b, argc, argv);
}
