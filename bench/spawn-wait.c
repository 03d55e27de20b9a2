/* Process creation as posix_spawn does it (vfork + execve of /bin/true), then wait; ns per round. */
#include "bench.h"
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

static long batch(long n)
{
    char *argv[] = { "/bin/true", NULL };
    for (long i = 0; i < n; i++) {
        pid_t pid;
        int err = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ);
        if (err != 0) {
            printf("spawn-wait: n/a (posix_spawn: %s)\n", strerror(err));
            return -1;
        }
        int status;
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            printf("spawn-wait: n/a (waitpid: %s)\n", strerror(errno));
            return -1;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    struct bench b = { "spawn-wait", batch, 1, 1 };
    return bench_main(&b, argc, argv);
}
