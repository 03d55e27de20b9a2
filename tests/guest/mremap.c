/*
 * mremap: growing with MREMAP_MAYMOVE keeps the contents and zero-fills the new part,
 * growing in place works when the next pages are free and fails with ENOMEM when they are
 * taken, shrinking keeps the address and frees the tail, MREMAP_FIXED moves to a given place.
 */
#include "check.h"
#include <sys/mman.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static void fill(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i % 251);
}

static int same_fill(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i % 251))
            return 0;
    return 1;
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    const int rw = PROT_READ | PROT_WRITE, anon = MAP_PRIVATE | MAP_ANONYMOUS;

    /* Grow with MAYMOVE while a guard mapping blocks in-place growth. */
    unsigned char *a = mmap(NULL, 3 * page, rw, anon, -1, 0);
    munmap(a + 2 * page, page);
    fill(a, 2 * page);
    unsigned char *guard = mmap(a + 2 * page, page, rw, anon | MAP_FIXED_NOREPLACE, -1, 0);
    expect("guard placed right after", guard == a + 2 * page);
    EXPECT_MAP_ERRNO("grow in place into a taken page", mremap(a, 2 * page, 4 * page, 0), ENOMEM);
    unsigned char *moved = mremap(a, 2 * page, 16 * page, MREMAP_MAYMOVE);
    expect("MAYMOVE grow succeeded", moved != MAP_FAILED);
    expect("MAYMOVE grow had to move", moved != a);
    expect("contents preserved", same_fill(moved, 2 * page));
    int zero = 1;
    for (size_t i = 2 * page; i < 16 * (size_t)page; i++)
        if (moved[i])
            zero = 0;
    expect("new part zero", zero);
    moved[16 * page - 1] = 9;

    /* Grow in place into free pages. */
    unsigned char *b = mmap(NULL, 4 * page, rw, anon, -1, 0);
    munmap(b + page, 3 * page);
    b[0] = 42;
    void *in_place = mremap(b, page, 3 * page, 0);
    expect("in-place grow keeps the address", in_place == b);
    expect("in-place grow keeps data", b[0] == 42 && b[3 * page - 1] == 0);

    /* Shrink: same address, the tail becomes free. */
    void *shrunk = mremap(b, 3 * page, page, 0);
    expect("shrink keeps the address", shrunk == b);
    void *tail = mmap(b + page, 2 * page, rw, anon | MAP_FIXED_NOREPLACE, -1, 0);
    expect("shrunk tail is free", tail == b + page);

    /* MREMAP_FIXED to a chosen free place. */
    unsigned char *target = mmap(NULL, 16 * page, PROT_NONE, anon, -1, 0);
    munmap(target, 16 * page);
    void *fixed = mremap(moved, 16 * page, 16 * page, MREMAP_MAYMOVE | MREMAP_FIXED, target);
    expect("MREMAP_FIXED moves to the target", fixed == target);
    expect("moved data intact", same_fill(target, 2 * page) && target[16 * page - 1] == 9);
    void *old_free = mmap(moved, page, rw, anon | MAP_FIXED_NOREPLACE, -1, 0);
    expect("old place is free after the move", old_free == moved);

    EXPECT_MAP_ERRNO("mremap(unaligned)", mremap(b + 1, page, 2 * page, MREMAP_MAYMOVE), EINVAL);
    EXPECT_MAP_ERRNO("mremap(FIXED without MAYMOVE)", mremap(b, page, page, MREMAP_FIXED, target), EINVAL);
    EXPECT_MAP_ERRNO("mremap(unmapped)", mremap(a, page, 2 * page, MREMAP_MAYMOVE), EFAULT);
    return check_status();
}
