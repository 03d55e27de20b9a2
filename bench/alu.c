/* ALU-only guest code: a dependent chain of multiply, xor and shifts in registers; ns per iteration. */
#include "bench.h"
#include <stdint.h>

volatile uint64_t alu_sink; /* keeps the chain observable */

static long batch(long n)
{
    uint64_t x = 0x9e3779b97f4a7c15ULL + (uint64_t)alu_sink;
    for (long i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x = x * 0x2545f4914f6cdd1dULL + (uint64_t)i;
        __asm__ volatile("" : "+r"(x)); /* no vectorising or closed forms */
    }
    alu_sink = x;
    return n;
}

int main(int argc, char **argv)
{
    struct bench b = { "alu", batch, 1000000, 1000000 };
    return bench_main(&b, argc, argv);
}
