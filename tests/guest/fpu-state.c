/*
 * The floating-point state a new process starts with: x87 control word, status, tag word (every
 * register empty) and MXCSR, as Linux sets them at execve; then long-double and double
 * arithmetic that depends on them (x87 extended precision, SSE rounding).
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
    unsigned char env[28];
    unsigned int mxcsr;
    unsigned short control, status, tags;
    __asm__ volatile("fnstenv %0" : "=m"(env));
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    memcpy(&control, env, 2);
    memcpy(&status, env + 4, 2);
    memcpy(&tags, env + 8, 2);
    printf("x87 control word: %#x\n", control);
    printf("x87 status word: %#x\n", status);
    printf("x87 tag word: %#x\n", tags);
    printf("mxcsr: %#x\n", mxcsr);

    volatile long double third = 1.0L / 3;
    printf("1/3 as long double: %.20Lf\n", third);
    volatile double big = 768550502.0;
    printf("a double through printf: %.1f\n", big);
    volatile long double sum = 0;
    for (int i = 1; i <= 1000; i++)
        sum += 1.0L / i;
    printf("harmonic(1000) in long double: %.18Lf\n", sum);
    return 0;
}
