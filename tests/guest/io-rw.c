/*
 * Data transfer on files: read/write and their positioned and vectored forms (preadv2/pwritev2
 * flags included), O_APPEND (which even pwrite obeys on Linux), lseek with every whence
 * (SEEK_DATA/SEEK_HOLE on a sparse file), large transfers in one call, and in-kernel copies:
 * sendfile, copy_file_range, splice and tee.
 */
#include "files-common.h"
#include <sys/sendfile.h>
#include <sys/uio.h>

#ifndef RWF_NOWAIT
#define RWF_HIPRI 1
#define RWF_DSYNC 2
#define RWF_NOWAIT 8
#define RWF_APPEND 0x10
#endif
#ifndef SEEK_DATA
#define SEEK_DATA 3
#define SEEK_HOLE 4
#endif

/* preadv2/pwritev2 through syscall(): not every libc has wrappers; the offset's high half is 0 */
#define PREADV2(fd, iov, n, off, flags) syscall(SYS_preadv2, fd, iov, n, (long)(off), 0L, flags)
#define PWRITEV2(fd, iov, n, off, flags) syscall(SYS_pwritev2, fd, iov, n, (long)(off), 0L, flags)

static char dir[64];
static int d;

static void show_file(const char *label, const char *name)
{
    char buf[64] = {0};
    int fd = openat(d, name, O_RDONLY);
    long n = read(fd, buf, sizeof buf - 1);
    for (long i = 0; i < n; i++)
        if (buf[i] == 0)
            buf[i] = '.';
    printf("%s: [%s]\n", label, buf);
    close(fd);
}

int main(void)
{
    d = temp_dir(dir, "rw");
    int f = openat(d, "f", O_CREAT | O_RDWR, 0600);
    FSHOW("write", write(f, "0123456789", 10));
    FSHOW("lseek SEEK_CUR", lseek(f, 0, SEEK_CUR));
    FSHOW("lseek SEEK_SET 2", lseek(f, 2, SEEK_SET));
    char buf[64] = {0};
    FSHOW("read 3", read(f, buf, 3));
    printf("got: %s\n", buf);
    FSHOW("pread 4 at 6", pread(f, buf, 4, 6));
    FSHOW("the offset stays", lseek(f, 0, SEEK_CUR));
    FSHOW("pwrite at 12 leaves a hole", pwrite(f, "AB", 2, 12));
    show_file("file", "f");
    FSHOW("lseek SEEK_END -1", lseek(f, -1, SEEK_END));
    FEXPECT_ERRNO("lseek to a negative offset", lseek(f, -100, SEEK_SET), EINVAL);
    FEXPECT_ERRNO("lseek with a bad whence", lseek(f, 0, 7), EINVAL);
    FSHOW("lseek past the end", lseek(f, 100, SEEK_SET));
    FSHOW("read at the end", read(f, buf, sizeof buf));
    FEXPECT_ERRNO("pread at a negative offset", pread(f, buf, 1, -1), EINVAL);

    char a[3] = {0}, b[5] = {0};
    struct iovec in[2] = {{a, 2}, {b, 4}};
    FSHOW("preadv at 1", preadv(f, in, 2, 1));
    printf("scattered: [%s] [%s]\n", a, b);
    struct iovec out[2] = {{"xy", 2}, {"z", 1}};
    FSHOW("pwritev at 0", pwritev(f, out, 2, 0));
    show_file("after pwritev", "f");
    lseek(f, 0, SEEK_SET);
    FEXPECT_ERRNO("preadv2 RWF_NOWAIT on an empty blocking pipe", ({
        int np[2];
        pipe(np);
        PREADV2(np[0], in, 1, -1, RWF_NOWAIT);
    }), EAGAIN);
    FSHOW("preadv2 with offset -1 reads at the file offset", PREADV2(f, in, 1, -1, 0));
    FSHOW("the offset moved", lseek(f, 0, SEEK_CUR));
    FSHOW("pwritev2 RWF_DSYNC", PWRITEV2(f, out, 1, 3, RWF_DSYNC));
    FSHOW("pwritev2 RWF_APPEND", PWRITEV2(f, out + 1, 1, 0, RWF_APPEND));
    show_file("after RWF_APPEND", "f");
    FEXPECT_ERRNO("preadv2 with an unknown flag", PREADV2(f, in, 1, 0, 0x40000000), EOPNOTSUPP);
    FEXPECT_ERRNO("preadv with a negative count", syscall(SYS_preadv, f, in, -1, 0, 0), EINVAL);
    FEXPECT_ERRNO("readv with 1025 vectors", syscall(SYS_readv, f, in, 1025), EINVAL);
    struct iovec bad[2] = {{a, 2}, {(void *)8, 4}};
    lseek(f, 0, SEEK_SET);
    FSHOW("readv stops at a bad second vector", readv(f, bad, 2));

    int ap = openat(d, "f", O_WRONLY | O_APPEND);
    FSHOW("pwrite at 0 on an O_APPEND fd appends", pwrite(ap, "!", 1, 0));
    show_file("after the appending pwrite", "f");
    FEXPECT_ERRNO("write to a read-only fd", write(openat(d, "f", O_RDONLY), "x", 1), EBADF);
    FEXPECT_ERRNO("read from a write-only fd", read(ap, buf, 1), EBADF);
    FEXPECT_ERRNO("read from a directory", read(d, buf, 1), EISDIR);
    FEXPECT_ERRNO("read into a bad buffer", syscall(SYS_read, f, (void *)8, 4), EFAULT);
    FEXPECT_ERRNO("read from a closed fd", read(77, buf, 1), EBADF);

    /* a large transfer in one call */
    static char big[4 << 20];
    for (unsigned i = 0; i < sizeof big; i++)
        big[i] = (char)(i * 7);
    int large = openat(d, "large", O_CREAT | O_RDWR | O_TRUNC, 0600);
    FSHOW("write 4 MiB in one call", write(large, big, sizeof big));
    static char back[4 << 20];
    FSHOW("pread 4 MiB in one call", pread(large, back, sizeof back, 0));
    printf("same bytes: %s\n", memcmp(big, back, sizeof big) == 0 ? "yes" : "no");

    /* sparse files: the hole before 1 MiB */
    int sparse = openat(d, "sparse", O_CREAT | O_RDWR | O_TRUNC, 0600);
    pwrite(sparse, "x", 1, 1 << 20);
    long data = lseek(sparse, 0, SEEK_DATA), hole = lseek(sparse, 0, SEEK_HOLE);
    /* a file system without hole tracking reports one data extent from 0 to the end */
    printf("SEEK_DATA from 0: %s\n", data > 0 && data <= (1 << 20) ? "the block written at 1 MiB"
                                    : data == 0 ? "0 (no holes here)" : "?");
    printf("SEEK_HOLE from 0: %s\n", hole == 0 ? "0" : hole == (1 << 20) + 1 ? "the end" : "?");
    FEXPECT_ERRNO("SEEK_DATA past the end", lseek(sparse, (1 << 20) + 1, SEEK_DATA), ENXIO);
    FSHOW("SEEK_HOLE in the data finds the end", lseek(sparse, 1 << 20, SEEK_HOLE));

    /* in-kernel copies */
    int src = openat(d, "src", O_CREAT | O_RDWR | O_TRUNC, 0600);
    write(src, "hello, world", 12);
    int dst = openat(d, "dst", O_CREAT | O_RDWR | O_TRUNC, 0600);
    off_t off = 7;
    FSHOW("sendfile with an offset", sendfile(dst, src, &off, 100));
    printf("offset now: %ld, the file offset: %ld\n", (long)off, (long)lseek(src, 0, SEEK_CUR));
    lseek(src, 0, SEEK_SET);
    FSHOW("sendfile from the file offset", sendfile(dst, src, NULL, 5));
    printf("file offset now: %ld\n", (long)lseek(src, 0, SEEK_CUR));
    FEXPECT_ERRNO("sendfile to an O_APPEND fd", sendfile(openat(d, "dst", O_WRONLY | O_APPEND), src, NULL, 1),
                  EINVAL);
    FEXPECT_ERRNO("sendfile with a bad offset pointer", sendfile(dst, src, (off_t *)8, 1), EFAULT);
    loff_t in_off = 5, out_off = 10;
    FSHOW("copy_file_range", copy_file_range(src, &in_off, dst, &out_off, 100, 0));
    printf("offsets now: %ld %ld\n", (long)in_off, (long)out_off);
    FEXPECT_ERRNO("copy_file_range with flags", copy_file_range(src, NULL, dst, NULL, 1, 1), EINVAL);
    show_file("dst", "dst");
    int p[2], q[2];
    pipe(p);
    pipe(q);
    loff_t soff = 0;
    FSHOW("splice file -> pipe", splice(src, &soff, p[1], NULL, 5, 0));
    FSHOW("tee pipe -> pipe", tee(p[0], q[1], 100, 0));
    FSHOW("splice pipe -> file", splice(p[0], NULL, dst, NULL, 100, 0));
    memset(buf, 0, sizeof buf);
    FSHOW("read the tee'd copy", read(q[0], buf, sizeof buf));
    printf("tee'd: %s\n", buf);
    FEXPECT_ERRNO("splice with an offset on a pipe", splice(q[0], &soff, dst, NULL, 1, 0), ESPIPE);
    FEXPECT_ERRNO("splice between two files", splice(src, NULL, dst, NULL, 1, 0), EINVAL);
    FEXPECT_ERRNO("splice from an empty pipe with SPLICE_F_NONBLOCK", splice(q[0], NULL, dst, NULL, 1,
                                                                              SPLICE_F_NONBLOCK), EAGAIN);

    const char *names[] = {"f", "large", "sparse", "src", "dst"};
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
        unlinkat(d, names[i], 0);
    FSHOW("rmdir", rmdir(dir));
    return check_status();
}
