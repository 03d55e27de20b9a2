/* open("/dev/null", O_RDONLY) + close(); ns per pair. */
#include "bench.h"
#include <fcntl.h>
#include <unistd.h>

static const char *const NAME = "open-close";

static long batch(long n)
{
    for (long i = 0; i < n; i++) {
        int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        BENCH_CHECK(NAME, fd >= 0, "open(/dev/null)");
        BENCH_CHECK(NAME, close(fd) == 0, "close");
    }
    return n;
}

int main(int argc, char **argv)
{
    struct bench b = { NAME, batch, 500, 30000 };
    return bench_main(&b, argc, argv);
}
