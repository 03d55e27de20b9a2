/*
 * malloc/realloc/free through the libc allocator: many sizes, from a few bytes (brk heap)
 * to several MiB (mmap'd chunks); every block keeps its pattern until freed. Big blocks get
 * a sparse pattern (every 512th byte) to keep the run short under a slow emulator.
 */
#include "check.h"

#define BLOCKS 400

static size_t stride_for(size_t size)
{
    return size > 100000 ? 512 : 1;
}

int main(void)
{
    static unsigned char *block[BLOCKS];
    static size_t size[BLOCKS];
    unsigned long checksum = 0;
    int corrupt = 0;
    unsigned seed = 12345;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < BLOCKS; i++) {
            seed = seed * 1103515245u + 12345u;
            size_t n = (i % 50 == 0) ? (size_t)(1 + seed % 4) << 20 : 1 + seed % 3000;
            unsigned char *p = block[i] ? realloc(block[i], n) : malloc(n);
            if (!p)
                return 2;
            size_t keep = block[i] && size[i] < n ? size[i] : n;
            for (size_t j = 0; block[i] && j < keep; j += stride_for(size[i]))
                if (p[j] != (unsigned char)(i + j))
                    corrupt++;
            for (size_t j = 0; j < n; j += stride_for(n))
                p[j] = (unsigned char)(i + j);
            block[i] = p;
            size[i] = n;
        }
        for (int i = round; i < BLOCKS; i += 3) {
            for (size_t j = 0; j < size[i]; j += stride_for(size[i]))
                checksum += block[i][j];
            free(block[i]);
            block[i] = NULL;
        }
    }
    printf("checksum: %lu\n", checksum);
    expect("no corruption", corrupt == 0);
    void *zeroed = calloc(1000, 1000);
    int all_zero = 1;
    for (int i = 0; i < 1000000; i += 4096)
        if (((unsigned char *)zeroed)[i])
            all_zero = 0;
    expect("calloc memory is zero", all_zero);
    free(zeroed);
    return check_status();
}
