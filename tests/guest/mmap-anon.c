/*
 * Anonymous mmap: page-aligned zeroed memory, munmap and the argument checks of mmap,
 * munmap and mprotect. mprotect to PROT_READ then back to read-write keeps the contents
 * (no access is made while read-only: faults are not tested here).
 */
#include "check.h"
#include <stdint.h>
#include <sys/mman.h>

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t len = 8 * page;
    unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expect("mmap succeeded", m != MAP_FAILED);
    expect("aligned", ((uintptr_t)m & (page - 1)) == 0);
    expect("zero filled", all_zero(m, len));
    for (size_t i = 0; i < len; i++)
        m[i] = (unsigned char)(i * 7);

    SHOW("mprotect(PROT_READ)", mprotect(m, len, PROT_READ));
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += m[i];
    printf("sum while read-only: %u\n", sum);
    SHOW("mprotect(PROT_NONE, 1 page)", mprotect(m + page, page, PROT_NONE));
    SHOW("mprotect(READ|WRITE)", mprotect(m, len, PROT_READ | PROT_WRITE));
    int intact = 1;
    for (size_t i = 0; i < len; i++)
        if (m[i] != (unsigned char)(i * 7))
            intact = 0;
    expect("contents survive mprotect", intact);
    m[page] = 1;
    expect("writable again", m[page] == 1);

    EXPECT_ERRNO("mprotect(unaligned)", syscall(SYS_mprotect, m + 1, page, PROT_READ), EINVAL);
    EXPECT_ERRNO("mprotect(bad prot bits)", mprotect(m, page, 0x100), EINVAL);
    SHOW("munmap(last 2 pages)", munmap(m + 6 * page, 2 * page));
    EXPECT_ERRNO("mprotect(range reaching the hole)", mprotect(m + 5 * page, 2 * page, PROT_READ), ENOMEM);
    EXPECT_ERRNO("munmap(unaligned)", munmap(m + 1, page), EINVAL);
    EXPECT_ERRNO("munmap(length 0)", munmap(m, 0), EINVAL);
    SHOW("munmap(already unmapped)", munmap(m + 6 * page, 2 * page));
    SHOW("munmap(rest)", munmap(m, 6 * page));

    EXPECT_MAP_ERRNO("mmap(length 0)", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
    EXPECT_MAP_ERRNO("mmap(neither PRIVATE nor SHARED)", mmap(NULL, page, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
    EXPECT_MAP_ERRNO("mmap(huge length)",
                 mmap(NULL, (size_t)1 << 62, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
    EXPECT_MAP_ERRNO("mmap(bad fd, not anonymous)", mmap(NULL, page, PROT_READ, MAP_PRIVATE, 12345, 0), EBADF);

    unsigned char *none = mmap(NULL, 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expect("PROT_NONE mapping succeeded", none != MAP_FAILED);
    SHOW("mprotect(PROT_NONE -> READ|WRITE)", mprotect(none, 2 * page, PROT_READ | PROT_WRITE));
    none[2 * page - 1] = 5;
    expect("former PROT_NONE memory usable", none[2 * page - 1] == 5 && none[0] == 0);

    size_t big = (size_t)256 << 20;
    unsigned char *sparse = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    expect("256 MiB NORESERVE mapping succeeded", sparse != MAP_FAILED);
    for (size_t off = 0; off < big; off += (size_t)16 << 20)
        sparse[off] = 1;
    expect("sparse touches read back", sparse[(size_t)240 << 20] == 1 && sparse[big - 1] == 0);
    SHOW("munmap(256 MiB)", munmap(sparse, big));
    return check_status();
}
