/*
 * madvise: MADV_DONTNEED zeroes private anonymous memory and restores the file's bytes in
 * a private file mapping; harmless advice succeeds; bad advice, unaligned and unmapped
 * ranges fail as on Linux.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/mman.h>

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(m, 0x5A, 4 * page);
    SHOW("madvise(DONTNEED, pages 1-2)", madvise(m + page, 2 * page, MADV_DONTNEED));
    expect("dropped pages read zero", m[page] == 0 && m[3 * page - 1] == 0);
    expect("other pages kept", m[0] == 0x5A && m[page - 1] == 0x5A && m[3 * page] == 0x5A);

    char path[] = "/tmp/osgix-madvise-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    char content[64];
    memset(content, 'F', sizeof content);
    if (write(fd, content, sizeof content) != (long)sizeof content)
        return 2;
    unsigned char *f = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    f[0] = 'p';
    SHOW("madvise(DONTNEED, private file page)", madvise(f, page, MADV_DONTNEED));
    printf("file mapping byte 0 after DONTNEED: %c\n", f[0]);

    SHOW("madvise(NORMAL)", madvise(m, page, MADV_NORMAL));
    SHOW("madvise(WILLNEED)", madvise(m, page, MADV_WILLNEED));
    SHOW("madvise(SEQUENTIAL)", madvise(m, page, MADV_SEQUENTIAL));
    EXPECT_ERRNO("madvise(advice 12345)", madvise(m, page, 12345), EINVAL);
    EXPECT_ERRNO("madvise(unaligned)", madvise(m + 1, page, MADV_DONTNEED), EINVAL);
    munmap(m + 3 * page, page);
    EXPECT_ERRNO("madvise(DONTNEED, range with a hole)", madvise(m + 2 * page, 2 * page, MADV_DONTNEED), ENOMEM);
    close(fd);
    return check_status();
}
