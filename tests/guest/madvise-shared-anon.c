/*
 * MADV_DONTNEED drops a private anonymous page (it reads back as zeros) but not the contents of
 * a shared anonymous mapping, which live in the shared object, not in the mapping.
 */
#include "check.h"
#include <sys/mman.h>

int main(void)
{
    char *shared = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *private = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expect("mapped", shared != MAP_FAILED && private != MAP_FAILED);
    memset(shared, 's', 8192);
    memset(private, 'p', 8192);
    SHOW("madvise shared DONTNEED", madvise(shared, 8192, MADV_DONTNEED));
    SHOW("madvise private DONTNEED", madvise(private, 8192, MADV_DONTNEED));
    printf("shared after DONTNEED: %c %c\n", shared[0], shared[8191]);
    printf("private after DONTNEED: %d %d\n", private[0], private[8191]);
    expect("shared keeps its contents", shared[0] == 's' && shared[8191] == 's');
    expect("private reads zeros", private[0] == 0 && private[8191] == 0);
    return check_failures ? 1 : 0;
}
