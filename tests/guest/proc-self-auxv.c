/*
 * /proc/self/auxv is the program's own auxiliary vector: every (type, value) pair agrees with
 * getauxval (which reads the copy on the initial stack; AT_HWCAP* aside), the file ends with AT_NULL right after
 * the last pair, and only the owner may read it. Under an emulator whose host process is not
 * the guest, the host's vector (other entry point, program headers...) must not show through.
 */
#include "check.h"
#include <elf.h>
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/stat.h>

int main(void)
{
    static unsigned long pairs[512];
    int fd = open("/proc/self/auxv", O_RDONLY);
    expect("open", fd >= 0);
    if (fd < 0)
        return 1;
    size_t total = 0;
    ssize_t n;
    while ((n = read(fd, (char *)pairs + total, sizeof pairs - total)) > 0)
        total += (size_t)n;
    expect("read ok", n == 0);
    expect("size is a whole number of pairs", total > 0 && total % (2 * sizeof(long)) == 0);

    size_t count = total / (2 * sizeof(long));
    size_t mismatches = 0, null_at = count;
    int saw_entry = 0, saw_phdr = 0, saw_pagesz = 0;
    for (size_t i = 0; i < count; i++) {
        unsigned long type = pairs[2 * i], value = pairs[2 * i + 1];
        if (type == AT_NULL) {
            null_at = i;
            break;
        }
        saw_entry |= type == AT_ENTRY;
        saw_phdr |= type == AT_PHDR;
        saw_pagesz |= type == AT_PAGESZ;
        /* glibc's getauxval answers AT_HWCAP/AT_HWCAP2 from its own CPU model, not the vector */
        if (type != AT_HWCAP && type != AT_HWCAP2 && getauxval(type) != value) {
            mismatches++;
            printf("differs: type %lu file 0x%lx getauxval 0x%lx\n", type, value, getauxval(type));
        }
    }
    expect("AT_NULL ends the file", null_at == count - 1);
    expect("has AT_ENTRY, AT_PHDR, AT_PAGESZ", saw_entry && saw_phdr && saw_pagesz);
    expect("every value equals getauxval", mismatches == 0);

    /* a second open sees the same bytes, from offset 0 */
    static unsigned long again[512];
    int fd2 = open("/proc/self/auxv", O_RDONLY);
    size_t total2 = 0;
    while (fd2 >= 0 && (n = read(fd2, (char *)again + total2, sizeof again - total2)) > 0)
        total2 += (size_t)n;
    expect("second read equal", fd2 >= 0 && total2 == total && memcmp(pairs, again, total) == 0);

    struct stat st;
    expect("fstat", fstat(fd, &st) == 0);
    printf("mode: %o\n", st.st_mode & 07777);
    expect("regular file", S_ISREG(st.st_mode));
    close(fd);
    if (fd2 >= 0)
        close(fd2);
    return check_failures ? 1 : 0;
}
