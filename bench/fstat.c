/* fstat() of an open regular file (this program's binary); ns per call. */
#include "bench.h"
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

static const char *const NAME = "fstat";
static int fd;

static long batch(long n)
{
    struct stat st;
    for (long i = 0; i < n; i++)
        BENCH_CHECK(NAME, fstat(fd, &st) == 0, "fstat");
    return n;
}

int main(int argc, char **argv)
{
    fd = open(argv[0], O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return bench_unavailable(NAME, "open(argv[0])", errno);
    struct bench b = { NAME, batch, 1000, 50000 };
    return bench_main(&b, argc, argv);
}
