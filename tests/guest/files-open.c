/*
 * open, openat, creat and their flags in a fresh temporary directory: creation, exclusive
 * creation, truncation, appending, directories, symlinks with O_NOFOLLOW, O_PATH descriptors,
 * O_TMPFILE, O_CLOEXEC, the status flags F_GETFL reports, the umask and the usual errors.
 * Only facts relative to the directory are printed.
 */
#include "files-common.h"
#include <fcntl.h>
#include <sys/stat.h>

static char dir[64];

static int show_fd(const char *label, int fd)
{
    printf("%s: %s\n", label, fd >= 0 ? "fd" : errno_name(errno));
    return fd;
}

static void show_getfl(const char *label, int fd)
{
    printf("%s: 0%o\n", label, fcntl(fd, F_GETFL));
}

static long file_size(int dirfd, const char *name)
{
    struct stat st;
    return fstatat(dirfd, name, &st, 0) == 0 ? (long)st.st_size : -1;
}

int main(void)
{
    strcpy(dir, "/tmp/osgix-open-XXXXXX");
    if (!mkdtemp(dir))
        return 2;
    int d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    umask(022);

    int f = show_fd("openat O_CREAT|O_EXCL new", openat(d, "a", O_CREAT | O_EXCL | O_RDWR, 0666));
    FSHOW("write 5", write(f, "hello", 5));
    FEXPECT_ERRNO("openat O_CREAT|O_EXCL existing", openat(d, "a", O_CREAT | O_EXCL | O_RDWR, 0666), EEXIST);
    struct stat st;
    fstat(f, &st);
    printf("created mode: 0%o (umask 022)\n", st.st_mode & 07777);
    show_getfl("F_GETFL O_RDWR", f);
    close(f);

    f = openat(d, "a", O_WRONLY | O_APPEND);
    show_getfl("F_GETFL O_WRONLY|O_APPEND", f);
    lseek(f, 0, SEEK_SET);
    FSHOW("append write", write(f, "!!", 2));
    printf("size after append: %ld\n", file_size(d, "a"));
    close(f);
    f = openat(d, "a", O_RDWR | O_TRUNC);
    printf("size after O_TRUNC: %ld\n", file_size(d, "a"));
    close(f);

    umask(077);
    f = openat(d, "masked", O_CREAT | O_WRONLY, 0666);
    fstat(f, &st);
    printf("created mode: 0%o (umask 077)\n", st.st_mode & 07777);
    close(f);
    umask(022);

    mkdirat(d, "sub", 0755);
    symlinkat("a", d, "link");
    symlinkat("missing", d, "dangling");
    FEXPECT_ERRNO("O_DIRECTORY on a file", openat(d, "a", O_RDONLY | O_DIRECTORY), ENOTDIR);
    FEXPECT_ERRNO("O_WRONLY on a directory", openat(d, "sub", O_WRONLY), EISDIR);
    FEXPECT_ERRNO("O_NOFOLLOW on a symlink", openat(d, "link", O_RDONLY | O_NOFOLLOW), ELOOP);
    FEXPECT_ERRNO("missing file", openat(d, "nothing", O_RDONLY), ENOENT);
    FEXPECT_ERRNO("missing directory in the path", openat(d, "nothing/a", O_RDONLY), ENOENT);
    FEXPECT_ERRNO("file used as a directory", openat(d, "a/b", O_RDONLY), ENOTDIR);
    FEXPECT_ERRNO("empty path", openat(d, "", O_RDONLY), ENOENT);
    FEXPECT_ERRNO("bad dirfd", openat(99, "a", O_RDONLY), EBADF);
    FEXPECT_ERRNO("relative to a file", openat(open("/etc/passwd", O_RDONLY), "x", O_RDONLY), ENOTDIR);
    char longname[300];
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    FEXPECT_ERRNO("a 299-byte name", openat(d, longname, O_RDONLY), ENAMETOOLONG);
    f = show_fd("O_CREAT through a dangling symlink", openat(d, "dangling", O_CREAT | O_WRONLY, 0600));
    close(f);
    printf("the link's target now exists: %s\n", faccessat(d, "missing", F_OK, 0) == 0 ? "yes" : "no");
    FSHOW("O_CREAT|O_DIRECTORY", openat(d, "newdir", O_CREAT | O_DIRECTORY | O_RDONLY, 0755));

    int p = show_fd("O_PATH on the symlink with O_NOFOLLOW", openat(d, "link", O_PATH | O_NOFOLLOW));
    show_getfl("F_GETFL O_PATH|O_NOFOLLOW", p);
    char buf[16];
    FEXPECT_ERRNO("read on O_PATH", read(p, buf, 1), EBADF);
    FSHOW("fstatat(O_PATH link, \"\", AT_EMPTY_PATH) is a link",
         fstatat(p, "", &st, AT_EMPTY_PATH) == 0 && S_ISLNK(st.st_mode));
    FSHOW("readlinkat(O_PATH link, \"\")", readlinkat(p, "", buf, sizeof buf));
    FSHOW("F_GETFD on O_PATH", fcntl(p, F_GETFD));
    FSHOW("F_SETFD on O_PATH", fcntl(p, F_SETFD, FD_CLOEXEC));
    FSHOW("F_GETFD after F_SETFD", fcntl(p, F_GETFD));
    int pd = openat(d, "sub", O_PATH | O_DIRECTORY);
    show_fd("openat relative to an O_PATH directory", openat(pd, "../a", O_RDONLY));

    f = openat(d, "a", O_RDONLY | O_CLOEXEC);
    FSHOW("F_GETFD with O_CLOEXEC", fcntl(f, F_GETFD));
    show_getfl("F_GETFL O_RDONLY|O_CLOEXEC|O_NONBLOCK|O_NOATIME",
               openat(d, "a", O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOATIME));

    int t = show_fd("O_TMPFILE", openat(d, ".", O_TMPFILE | O_RDWR, 0600));
    FSHOW("write to the unnamed file", write(t, "tmp", 3));
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", t);
    FSHOW("linkat it into the directory", linkat(AT_FDCWD, proc, d, "named", AT_SYMLINK_FOLLOW));
    printf("named size: %ld\n", file_size(d, "named"));
    FEXPECT_ERRNO("O_TMPFILE without write access", openat(d, ".", O_TMPFILE | O_RDONLY, 0600), EINVAL);

    int c = show_fd("creat", creat("/tmp/osgix-open-creat", 0644));
    show_getfl("F_GETFL creat", c);
    unlink("/tmp/osgix-open-creat");
    FEXPECT_ERRNO("open(bad pointer)", syscall(SYS_open, (char *)8, O_RDONLY), EFAULT);

    /* clean up */
    const char *names[] = {"a", "masked", "link", "dangling", "missing", "named"};
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
        unlinkat(d, names[i], 0);
    unlinkat(d, "sub", AT_REMOVEDIR);
    unlinkat(d, "newdir", AT_REMOVEDIR);
    FSHOW("rmdir the temporary directory", rmdir(dir));
    return check_status();
}
