/*
 * The program break: brk(0) reports it, growing by 1 MiB gives zeroed writable memory,
 * shrinking returns the old break, re-grown whole pages are zero again, and impossible
 * requests (below the start, absurdly high) leave the break unchanged.
 * All brk calls happen before printing so stdio's malloc does not move the break meanwhile.
 */
#include "check.h"

#define GROW (1024 * 1024)

static unsigned long raw_brk(unsigned long addr)
{
    return (unsigned long)syscall(SYS_brk, addr);
}

int main(void)
{
    printf("brk test\n"); /* allocates stdio's buffer before the break is recorded */
    long page = sysconf(_SC_PAGESIZE);
    unsigned long start = raw_brk(0);
    unsigned long grown = raw_brk(start + GROW);
    unsigned long first_page = (start + page - 1) & ~(unsigned long)(page - 1);

    int fresh_zero = 1;
    for (unsigned long a = first_page; a < start + GROW; a += 64)
        if (*(unsigned char *)a != 0)
            fresh_zero = 0;
    for (unsigned long a = start; a < start + GROW; a += 512)
        *(unsigned char *)a = 0xAB;
    int kept = *(unsigned char *)(start + GROW - 512) == 0xAB;

    unsigned long after_query = raw_brk(0);
    unsigned long shrunk = raw_brk(start);
    unsigned long regrown = raw_brk(start + GROW);
    int regrown_zero = 1;
    for (unsigned long a = first_page; a < start + GROW; a += 512)
        if (*(unsigned char *)a != 0)
            regrown_zero = 0;
    unsigned long below = raw_brk(4096);
    unsigned long absurd = raw_brk(0x7ff000000000UL);
    unsigned long restored = raw_brk(start);

    expect("grow returns the new break", grown == start + GROW);
    expect("new memory is zero", fresh_zero);
    expect("written memory keeps its value", kept);
    expect("brk(0) after grow reports it", after_query == start + GROW);
    expect("shrink returns the old break", shrunk == start);
    expect("re-grow returns the new break", regrown == start + GROW);
    expect("re-grown whole pages are zero", regrown_zero);
    expect("brk below the start leaves it unchanged", below == start + GROW);
    expect("absurd brk leaves it unchanged", absurd == start + GROW);
    expect("restored", restored == start);
    return check_status();
}
