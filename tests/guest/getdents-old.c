/*
 * The original getdents (x86_64 syscall 78, struct linux_dirent: d_type in the record's last
 * byte) lists the same names and types as getdents64, on a host directory and on /proc/self/fd.
 */
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

struct old_dirent {
    unsigned long d_ino;
    unsigned long d_off;
    unsigned short d_reclen;
    char d_name[];
};

/* Lists DIR with getdents into "name:type" lines sorted by name; returns the count. */
static int list_old(int fd, char names[][280], int max)
{
    char buf[4096];
    int n = 0;
    long got;
    while ((got = syscall(SYS_getdents, fd, buf, sizeof buf)) > 0) {
        for (long pos = 0; pos < got;) {
            struct old_dirent *d = (struct old_dirent *)(buf + pos);
            char type = buf[pos + d->d_reclen - 1];
            if (n < max)
                snprintf(names[n++], 280, "%s:%d", d->d_name, type);
            pos += d->d_reclen;
        }
    }
    if (got < 0)
        printf("getdents: %s\n", errno_name(errno));
    return n;
}

static int list_new(int fd, char names[][280], int max)
{
    char buf[4096];
    int n = 0;
    long got;
    while ((got = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
        for (long pos = 0; pos < got;) {
            struct dirent64 *d = (struct dirent64 *)(buf + pos);
            if (n < max)
                snprintf(names[n++], 280, "%s:%d", d->d_name, d->d_type);
            pos += d->d_reclen;
        }
    }
    return n;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void compare(const char *label, const char *path)
{
    static char a[256][280], b[256][280];
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    int na = list_old(fd, a, 256);
    lseek(fd, 0, SEEK_SET);
    int nb = list_new(fd, b, 256);
    close(fd);
    qsort(a, na, 280, cmp);
    qsort(b, nb, 280, cmp);
    int same = na == nb;
    for (int i = 0; same && i < na; i++)
        same = strcmp(a[i], b[i]) == 0;
    /* the count of /proc/self/fd entries depends on the fds the runner passes: not printed */
    printf("%s: getdents and getdents64 agree: %s\n", label, same && na > 2 ? "yes" : "no");
    if (!(same && na > 2))
        check_failures++;
}

int main(void)
{
    mkdir("getdents-old.d", 0755);
    close(open("getdents-old.d/file", O_CREAT | O_WRONLY, 0644));
    mkdir("getdents-old.d/sub", 0755);
    symlink("file", "getdents-old.d/link");
    compare("directory", "getdents-old.d");
    for (int i = 0; i < 5; i++)
        dup(1);
    compare("/proc/self/fd", "/proc/self/fd");

    int fd = open("getdents-old.d", O_RDONLY | O_DIRECTORY);
    char tiny[8];
    EXPECT_ERRNO("buffer too small", syscall(SYS_getdents, fd, tiny, sizeof tiny), EINVAL);
    EXPECT_ERRNO("unwritable buffer", syscall(SYS_getdents, fd, (void *)8, 4096), EFAULT);
    close(fd);
    int file = open("getdents-old.d/file", O_RDONLY);
    char buf[4096];
    EXPECT_ERRNO("not a directory", syscall(SYS_getdents, file, buf, sizeof buf), ENOTDIR);
    close(file);
    EXPECT_ERRNO("bad fd", syscall(SYS_getdents, 999, buf, sizeof buf), EBADF);

    unlink("getdents-old.d/link");
    rmdir("getdents-old.d/sub");
    unlink("getdents-old.d/file");
    rmdir("getdents-old.d");
    return check_failures ? 1 : 0;
}
