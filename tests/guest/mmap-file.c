/*
 * File-backed mmap: a temp file with known content (created with mkstemp, unlinked at
 * once) is mapped privately and shared. Reads through the mapping see the file and zeros
 * past EOF up to the end of the last page; shared writes reach the file, private ones do
 * not; offsets, O_WRONLY and bad descriptors behave as on Linux.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/mman.h>

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char path[] = "/tmp/osgix-mmap-file-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    const char *text = "The quick brown fox jumps over the lazy dog.\n";
    size_t text_len = strlen(text);
    /* Page 0: the text, then 'a'.. filler; page 1: 100 bytes of 'B'; EOF at page + 100. */
    char *content = malloc(page + 100);
    for (long i = 0; i < page + 100; i++)
        content[i] = i < page ? 'a' + (char)(i % 26) : 'B';
    memcpy(content, text, text_len);
    if (write(fd, content, page + 100) != page + 100)
        return 2;

    char *priv = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    expect("private mapping succeeded", priv != MAP_FAILED);
    printf("through the mapping: %.*s", (int)text_len, priv);
    expect("page 0 matches the file", memcmp(priv, content, page) == 0);
    expect("page 1 up to EOF matches", memcmp(priv + page, content + page, 100) == 0);
    int zero_tail = 1;
    for (long i = page + 100; i < 2 * page; i++)
        if (priv[i])
            zero_tail = 0;
    expect("zero fill past EOF within the last page", zero_tail);

    priv[0] = 't';
    char first;
    pread(fd, &first, 1, 0);
    printf("file byte 0 after private write: %c\n", first);

    char *shared = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    memcpy(shared + 4, "QUICK", 5);
    SHOW("msync", msync(shared, page, MS_SYNC));
    char word[6] = {0};
    pread(fd, word, 5, 4);
    printf("file bytes 4-8 after shared write: %s\n", word);
    pwrite(fd, "BROWN", 5, 10);
    printf("shared mapping sees pwrite: %.5s\n", shared + 10);

    char *second = mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, page);
    expect("offset mapping succeeded", second != MAP_FAILED);
    printf("at offset one page: %.10s\n", second);
    EXPECT_MAP_ERRNO("mmap(unaligned offset)", mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL);
    EXPECT_MAP_ERRNO("mmap(bad fd)", mmap(NULL, page, PROT_READ, MAP_PRIVATE, 999, 0), EBADF);

    int wronly = open("/dev/null", O_WRONLY);
    EXPECT_MAP_ERRNO("mmap(O_WRONLY fd)", mmap(NULL, page, PROT_READ, MAP_PRIVATE, wronly, 0), EACCES);
    int rdonly = open("/proc/self/exe", O_RDONLY);
    EXPECT_MAP_ERRNO("mmap(O_RDONLY fd, SHARED|WRITE)",
                 mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, rdonly, 0), EACCES);
    char *exe = mmap(NULL, page, PROT_READ, MAP_PRIVATE, rdonly, 0);
    expect("own executable maps and starts with ELF magic", exe != MAP_FAILED && memcmp(exe, "\177ELF", 4) == 0);

    SHOW("close(fd) keeps mappings", close(fd));
    printf("after close: %.9s\n", shared);
    return check_status();
}
