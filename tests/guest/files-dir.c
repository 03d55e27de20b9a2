/*
 * Names and metadata in a fresh temporary directory: getdents64 (names sorted for a stable
 * output, with their d_type), mkdir/rmdir, unlink, renameat2 and its flags, hard and symbolic
 * links, readlink truncation, chmod, utimensat and the old utimes, truncate/ftruncate/fallocate,
 * stat/statx fields, access checks, FIFOs, extended attributes, statfs sanity and the working
 * directory (chdir/fchdir/getcwd, printed relative to the temporary directory).
 */
#include "files-common.h"
#include <dirent.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/xattr.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif

/* struct statx, spelled out: not every libc's headers have it */
struct statx_timestamp_ {
    long long tv_sec;
    unsigned tv_nsec;
    int pad;
};
struct statx_ {
    unsigned stx_mask, stx_blksize;
    unsigned long long stx_attributes;
    unsigned stx_nlink, stx_uid, stx_gid;
    unsigned short stx_mode, pad1;
    unsigned long long stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    struct statx_timestamp_ stx_atime, stx_btime, stx_ctime, stx_mtime;
    unsigned stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    unsigned long long spare[14];
};
#define STATX_BASIC_STATS_ 0x7ffU
#define STATX_BTIME_ 0x800U

struct entry {
    char name[64];
    int type;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* Lists a directory with raw getdents64 in small chunks (several calls). */
static void list(const char *label, int fd)
{
    struct entry entries[64];
    int n = 0, calls = 0;
    char buf[128] __attribute__((aligned(8)));
    lseek(fd, 0, SEEK_SET);
    for (;;) {
        long got = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (got <= 0)
            break;
        calls++;
        for (long pos = 0; pos < got;) {
            unsigned short reclen = *(unsigned short *)(buf + pos + 16);
            strncpy(entries[n].name, buf + pos + 19, sizeof entries[n].name - 1);
            entries[n].name[sizeof entries[n].name - 1] = 0;
            entries[n].type = (unsigned char)buf[pos + 18];
            n++;
            pos += reclen;
        }
    }
    qsort(entries, n, sizeof *entries, by_name);
    printf("%s:", label);
    for (int i = 0; i < n; i++)
        printf(" %s(%c)", entries[i].name,
               entries[i].type == DT_DIR ? 'd' : entries[i].type == DT_REG ? 'f' : entries[i].type == DT_LNK ? 'l'
               : entries[i].type == DT_FIFO ? 'p' : '?');
    printf("\n%s needed more than one call: %s\n", label, calls > 1 ? "yes" : "no");
}

static void show_mode(const char *label, int d, const char *name, int flags)
{
    struct stat st;
    if (fstatat(d, name, &st, flags) != 0)
        printf("%s: -1 %s\n", label, file_errno_name(errno));
    else
        printf("%s: 0%o nlink %ld size %ld\n", label, st.st_mode, (long)st.st_nlink, (long)st.st_size);
}

int main(void)
{
    char dir[64];
    int d = temp_dir(dir, "dir");
    umask(022);

    FSHOW("mkdirat sub", mkdirat(d, "sub", 0750));
    FEXPECT_ERRNO("mkdirat sub again", mkdirat(d, "sub", 0750), EEXIST);
    FSHOW("mkdirat with a trailing slash", mkdirat(d, "sub2/", 0700));
    int f = openat(d, "file", O_CREAT | O_RDWR, 0644);
    write(f, "0123456789", 10);
    FSHOW("symlinkat", symlinkat("file", d, "sym"));
    FSHOW("symlinkat to nowhere", symlinkat("/nonexistent/target", d, "dangling"));
    FEXPECT_ERRNO("symlinkat with an empty target", symlinkat("", d, "empty"), ENOENT);
    FSHOW("linkat", linkat(d, "file", d, "hard", 0));
    FSHOW("mknodat FIFO", mknodat(d, "fifo", S_IFIFO | 0600, 0));
    list("entries", d);

    show_mode("stat file", d, "file", 0);
    show_mode("stat sym (followed)", d, "sym", 0);
    show_mode("lstat sym", d, "sym", AT_SYMLINK_NOFOLLOW);
    show_mode("stat sub", d, "sub", 0);
    show_mode("stat fifo", d, "fifo", 0);
    show_mode("stat dangling", d, "dangling", 0);
    struct statx_ sx;
    FSHOW("statx", syscall(SYS_statx, d, "file", 0, STATX_BASIC_STATS_ | STATX_BTIME_, &sx));
    printf("statx size %llu, nlink %u, mode 0%o, basic stats all there: %s\n", (unsigned long long)sx.stx_size,
           sx.stx_nlink, sx.stx_mode, (sx.stx_mask & STATX_BASIC_STATS_) == STATX_BASIC_STATS_ ? "yes" : "no");
    struct stat st;
    fstat(f, &st);
    printf("statx and fstat agree on the inode: %s\n", sx.stx_ino == st.st_ino ? "yes" : "no");

    char target[64] = {0};
    FSHOW("readlinkat sym", readlinkat(d, "sym", target, sizeof target));
    printf("target: %s\n", target);
    memset(target, 0, sizeof target);
    FSHOW("readlinkat into 3 bytes", readlinkat(d, "dangling", target, 3));
    printf("truncated target: %s\n", target);
    FEXPECT_ERRNO("readlinkat of a file", readlinkat(d, "file", target, sizeof target), EINVAL);
    FEXPECT_ERRNO("readlinkat with size 0", syscall(SYS_readlinkat, d, "sym", target, 0), EINVAL);

    FSHOW("fchmodat 0600", fchmodat(d, "file", 0600, 0));
    show_mode("after chmod", d, "file", 0);
    FSHOW("fchmod 04755", fchmod(f, 04755));
    show_mode("after fchmod", d, "file", 0);
    FSHOW("fchownat to the same ids", fchownat(d, "file", getuid(), getgid(), 0));
    FSHOW("fchown -1 -1", fchown(f, -1, -1));
    FSHOW("lchown of the symlink", fchownat(d, "sym", -1, -1, AT_SYMLINK_NOFOLLOW));

    struct timespec times[2] = {{1000000000, 5}, {1234567890, 123456789}};
    FSHOW("utimensat", utimensat(d, "file", times, 0));
    fstatat(d, "file", &st, 0);
    printf("mtime: %ld.%09ld atime: %ld.%09ld\n", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
           (long)st.st_atim.tv_sec, st.st_atim.tv_nsec);
    struct timespec omit[2] = {{0, UTIME_OMIT}, {42, 0}};
    FSHOW("futimens with UTIME_OMIT", futimens(f, omit));
    fstat(f, &st);
    printf("mtime: %ld atime kept: %ld\n", (long)st.st_mtim.tv_sec, (long)st.st_atim.tv_sec);
    struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
    FEXPECT_ERRNO("utimensat with a bad nanosecond field", utimensat(d, "file", bad, 0), EINVAL);
    FEXPECT_ERRNO("utimensat with a bad flag", utimensat(d, "file", NULL, 0x8000), EINVAL);
    struct timeval tv[2] = {{7, 0}, {99, 500000}};
    char path[128];
    snprintf(path, sizeof path, "%s/file", dir);
    FSHOW("utimes", syscall(SYS_utimes, path, tv));
    fstat(f, &st);
    printf("mtime after utimes: %ld.%09ld\n", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);

    FSHOW("truncate to 4", truncate(path, 4));
    show_mode("after truncate", d, "file", 0);
    FSHOW("ftruncate to 20000", ftruncate(f, 20000));
    show_mode("after ftruncate", d, "file", 0);
    FEXPECT_ERRNO("ftruncate negative", ftruncate(f, -1), EINVAL);
    FEXPECT_ERRNO("ftruncate on a read-only fd", ftruncate(openat(d, "file", O_RDONLY), 1), EINVAL);
    FSHOW("fallocate 65536", fallocate(f, 0, 0, 65536));
    show_mode("after fallocate", d, "file", 0);
    FSHOW("posix_fadvise", posix_fadvise(f, 0, 0, POSIX_FADV_SEQUENTIAL));
    FSHOW("fsync", fsync(f));
    FSHOW("fdatasync", fdatasync(f));
    FSHOW("syncfs", syncfs(f));
    sync();

    FSHOW("faccessat R_OK", faccessat(d, "file", R_OK, 0));
    FSHOW("faccessat X_OK on the set-uid 0755 file", faccessat(d, "file", X_OK, 0));
    FEXPECT_ERRNO("faccessat of a missing file", faccessat(d, "missing", F_OK, 0), ENOENT);
    FEXPECT_ERRNO("faccessat with a bad mode", faccessat(d, "file", 8, 0), EINVAL);
    FSHOW("faccessat2 on the dangling link without following", syscall(SYS_faccessat2, d, "dangling", F_OK,
                                                                       AT_SYMLINK_NOFOLLOW));

    FEXPECT_ERRNO("statx with both sync types", syscall(SYS_statx, d, "file", 0x6000, 0, &sx), EINVAL);
    FEXPECT_ERRNO("statx into a bad buffer", syscall(SYS_statx, d, "file", 0, 0, (void *)8), EFAULT);
    FEXPECT_ERRNO("statx of a missing file into a bad buffer", syscall(SYS_statx, d, "nothing", 0, 0, (void *)8),
                  ENOENT);
    FEXPECT_ERRNO("renameat2 NOREPLACE onto an existing name",
                  syscall(SYS_renameat2, d, "file", d, "hard", RENAME_NOREPLACE), EEXIST);
    FSHOW("renameat2 EXCHANGE file and sub", syscall(SYS_renameat2, d, "file", d, "sub", RENAME_EXCHANGE));
    show_mode("sub is now the file", d, "sub", 0);
    FSHOW("renameat2 EXCHANGE back", syscall(SYS_renameat2, d, "file", d, "sub", RENAME_EXCHANGE));
    FSHOW("renameat hard -> moved", renameat(d, "hard", d, "moved"));
    FEXPECT_ERRNO("rename a directory onto a file", renameat(d, "sub", d, "moved"), ENOTDIR);
    FEXPECT_ERRNO("rename a directory into itself", renameat(d, "sub", d, "sub/inner"), EINVAL);
    FEXPECT_ERRNO("rename across file systems", renameat(d, "moved", AT_FDCWD, "/dev/shm/osgix-x"), EXDEV);
    FEXPECT_ERRNO("renameat2 with a bad flag", syscall(SYS_renameat2, d, "moved", d, "x", 0x100), EINVAL);

    int fs = setxattr(path, "user.osgix", "value", 5, 0);
    if (fs == 0) {
        char value[16] = {0};
        FSHOW("getxattr", getxattr(path, "user.osgix", value, sizeof value));
        printf("value: %s\n", value);
        FSHOW("getxattr size query", getxattr(path, "user.osgix", NULL, 0));
        FEXPECT_ERRNO("getxattr into a short buffer", getxattr(path, "user.osgix", value, 2), ERANGE);
        FEXPECT_ERRNO("getxattr of a missing name", fgetxattr(f, "user.none", value, sizeof value), ENODATA);
        char names[64];
        FSHOW("flistxattr", flistxattr(f, names, sizeof names));
        FSHOW("removexattr", removexattr(path, "user.osgix"));
        FEXPECT_ERRNO("setxattr XATTR_REPLACE of a missing name",
                      setxattr(path, "user.osgix", "v", 1, XATTR_REPLACE), ENODATA);
    } else {
        printf("no user xattrs here (%s): skipped\n", file_errno_name(errno));
    }
    FEXPECT_ERRNO("getxattr with an empty name", getxattr(path, "", NULL, 0), ERANGE);

    struct statfs sfs;
    FSHOW("fstatfs", fstatfs(f, &sfs));
    printf("statfs sane: %s\n", sfs.f_bsize > 0 && sfs.f_blocks >= sfs.f_bfree && sfs.f_namelen > 0 ? "yes" : "no");
    struct statfs proc;
    FSHOW("statfs /proc", statfs("/proc", &proc));
    printf("/proc is procfs: %s\n", proc.f_type == 0x9fa0 ? "yes" : "no");
    FEXPECT_ERRNO("statfs of a missing path", statfs("/nonexistent", &proc), ENOENT);

    char cwd[4096], here[4096];
    getcwd(here, sizeof here);
    FSHOW("fchdir into the temporary directory", fchdir(d));
    FSHOW("chdir sub", chdir("sub"));
    getcwd(cwd, sizeof cwd);
    printf("getcwd is the temporary directory + /sub: %s\n",
           strncmp(cwd, dir, strlen(dir)) == 0 && strcmp(cwd + strlen(dir), "/sub") == 0 ? "yes" : "no");
    FSHOW("relative open after chdir", openat(AT_FDCWD, "../file", O_RDONLY) >= 0);
    FEXPECT_ERRNO("getcwd into 2 bytes", syscall(SYS_getcwd, cwd, 2), ERANGE);
    FEXPECT_ERRNO("chdir to a file", chdir("../file"), ENOTDIR);
    FEXPECT_ERRNO("fchdir to a file", fchdir(f), ENOTDIR);
    chdir(here);

    FEXPECT_ERRNO("unlinkat a directory", unlinkat(d, "sub", 0), EISDIR);
    mkdirat(d, "sub/inner", 0700);
    FEXPECT_ERRNO("rmdir a non-empty directory", unlinkat(d, "sub", AT_REMOVEDIR), ENOTEMPTY);
    FEXPECT_ERRNO("AT_REMOVEDIR on a file", unlinkat(d, "file", AT_REMOVEDIR), ENOTDIR);
    FEXPECT_ERRNO("unlinkat with a bad flag", unlinkat(d, "file", 1), EINVAL);
    FSHOW("rmdir sub/inner", unlinkat(d, "sub/inner", AT_REMOVEDIR));
    const char *names[] = {"file", "sym", "dangling", "moved", "fifo"};
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
        unlinkat(d, names[i], 0);
    unlinkat(d, "sub", AT_REMOVEDIR);
    unlinkat(d, "sub2", AT_REMOVEDIR);
    list("entries at the end", d);
    FSHOW("rmdir the temporary directory", rmdir(dir));
    return check_status();
}
