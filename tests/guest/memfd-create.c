/*
 * memfd_create: flags are checked before the name, the name may have up to 249 bytes, the
 * result is an O_RDWR regular file whose size ftruncate sets (up to the largest off_t), with
 * MFD_CLOEXEC in its descriptor flags and seals when MFD_ALLOW_SEALING asks for them.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

static long memfd(const char *name, unsigned flags)
{
    return syscall(SYS_memfd_create, name, flags);
}

int main(void)
{
    char name[300];
    memset(name, 'n', sizeof name);
    name[249] = 0;
    long fd = memfd(name, 0);
    expect("249-byte name", fd >= 0);
    close(fd);
    name[249] = 'n';
    name[250] = 0;
    EXPECT_ERRNO("250-byte name", memfd(name, 0), EINVAL);
    EXPECT_ERRNO("unknown flag", memfd("x", 0x100), EINVAL);
    EXPECT_ERRNO("unknown flag, bad name", memfd((char *)8, 0x100), EINVAL);
    EXPECT_ERRNO("bad name", memfd((char *)8, 0), EFAULT);

    fd = memfd("data", 1 /* MFD_CLOEXEC */);
    expect("created", fd >= 0);
    printf("FD_CLOEXEC: %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    printf("access mode O_RDWR: %s\n", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR ? "yes" : "no");
    struct stat st;
    fstat(fd, &st);
    printf("regular: %s, size %lld\n", S_ISREG(st.st_mode) ? "yes" : "no", (long long)st.st_size);
    SHOW("write", write(fd, "hello", 5));
    char buf[16] = {0};
    SHOW("pread", pread(fd, buf, sizeof buf, 1));
    printf("read back: %s\n", buf);
    char *map = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    expect("mmap shows the data", map != MAP_FAILED && memcmp(map, "hello", 5) == 0);
    SHOW("ftruncate to the largest off_t", ftruncate(fd, 0x7fffffffffffffffLL));
    EXPECT_ERRNO("pread at the largest off_t", pread(fd, buf, 10, 0x7fffffffffffffffLL), EINVAL);
    SHOW("F_GET_SEALS without sealing", fcntl(fd, F_GET_SEALS));
    close(fd);

    fd = memfd("sealed", 2 /* MFD_ALLOW_SEALING */);
    SHOW("F_ADD_SEALS F_SEAL_WRITE", fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    EXPECT_ERRNO("write after F_SEAL_WRITE", write(fd, "x", 1), EPERM);
    printf("FD_CLOEXEC: %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    close(fd);
    return check_failures ? 1 : 0;
}
