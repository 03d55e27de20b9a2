/* One byte through a pipe: write(1) + read(1) on the same thread; ns per write+read pair. */
#include "bench.h"
#include <fcntl.h>
#include <unistd.h>

static const char *const NAME = "pipe-rw";
static int fds[2];

static long batch(long n)
{
    char c = 'x';
    for (long i = 0; i < n; i++) {
        BENCH_CHECK(NAME, write(fds[1], &c, 1) == 1, "write");
        BENCH_CHECK(NAME, read(fds[0], &c, 1) == 1, "read");
    }
    return n;
}

int main(int argc, char **argv)
{
    if (pipe2(fds, O_CLOEXEC) != 0)
        return bench_unavailable(NAME, "pipe2", errno);
    struct bench b = { NAME, batch, 1000, 50000 };
    return bench_main(&b, argc, argv);
}
