/*
 * MAP_FIXED replaces part of an existing mapping (the replaced page reads as zero, its
 * neighbours keep their data); MAP_FIXED_NOREPLACE over any existing page fails with
 * EEXIST and leaves the data alone, and in a hole it maps exactly at the address given.
 */
#include "check.h"
#include <sys/mman.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(m, 'x', 4 * page);

    void *r = mmap(m + page, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    expect("MAP_FIXED returns the address", r == m + page);
    expect("replaced page is zero", m[page] == 0 && m[2 * page - 1] == 0);
    expect("page before kept", m[page - 1] == 'x');
    expect("page after kept", m[2 * page] == 'x' && m[4 * page - 1] == 'x');

    m[page] = 'y';
    EXPECT_MAP_ERRNO("MAP_FIXED_NOREPLACE over a page",
                 mmap(m + page, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
                 EEXIST);
    expect("data intact after EEXIST", m[page] == 'y');

    SHOW("munmap(last 2 pages)", munmap(m + 2 * page, 2 * page));
    EXPECT_MAP_ERRNO("MAP_FIXED_NOREPLACE half over a mapping",
                 mmap(m + page, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
                 EEXIST);
    void *hole = mmap(m + 2 * page, 2 * page, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    expect("MAP_FIXED_NOREPLACE in a hole maps exactly there", hole == m + 2 * page);
    expect("hole memory is zero", m[2 * page] == 0 && m[4 * page - 1] == 0);

    EXPECT_MAP_ERRNO("MAP_FIXED at an unaligned address",
                 mmap(m + 1, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
    void *hint = mmap(m + page, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expect("a taken hint address is not used", hint != MAP_FAILED && hint != (void *)(m + page));
    expect("data intact after the hint", m[page] == 'y');
    return check_status();
}
