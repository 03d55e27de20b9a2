/* Null syscall cost: getppid() through the raw syscall instruction (no libc caching); ns per call. */
#include "bench.h"
#include <unistd.h>
#include <sys/syscall.h>

static long batch(long n)
{
    for (long i = 0; i < n; i++)
        syscall(SYS_getppid);
    return n;
}

int main(int argc, char **argv)
{
    struct bench b = { "null-syscall", batch, 1000, 100000 };
    return bench_main(&b, argc, argv);
}
