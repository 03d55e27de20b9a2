/*
 * Run with --sysroot=sysroot-files (made by files-sysroot-setup): guest absolute paths name
 * files inside that directory, ".." and symlinks cannot leave it, /proc stays the host's, and
 * paths the guest is shown (getcwd, /proc/self/fd links) are inside-the-root paths.
 * osgix-test: no-musl
 */
#include "files-common.h"
#include <sys/stat.h>

static void show_file(const char *label, const char *path)
{
    char buf[64] = {0};
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf("%s: -1 %s\n", label, file_errno_name(errno));
        return;
    }
    read(fd, buf, sizeof buf - 1);
    buf[strcspn(buf, "\n")] = 0;
    printf("%s: %s\n", label, buf);
    if (strcmp(buf, "inside the sysroot") != 0)
        check_failures++;
    close(fd);
}

int main(void)
{
    show_file("/etc/marker", "/etc/marker");
    show_file("/../../../etc/marker", "/../../../etc/marker");
    show_file("absolute symlink /escape", "/escape");
    show_file("relative symlink /up", "/up");
    struct stat st;
    FEXPECT_ERRNO("the host's /etc/passwd is not there", stat("/etc/passwd", &st), ENOENT);
    FSHOW("/proc is the host's", stat("/proc/self/status", &st));

    FSHOW("chdir /etc", chdir("/etc"));
    char cwd[256] = {0};
    getcwd(cwd, sizeof cwd);
    printf("getcwd: %s\n", cwd);
    expect("getcwd is /etc", strcmp(cwd, "/etc") == 0);
    show_file("relative ../etc/marker", "../etc/marker");
    show_file("relative ../../../../etc/marker", "../../../../etc/marker");
    FSHOW("chdir /..", chdir("/.."));
    getcwd(cwd, sizeof cwd);
    printf("getcwd after chdir /..: %s\n", cwd);
    expect("getcwd is /", strcmp(cwd, "/") == 0);

    int f = open("/tmp/created", O_CREAT | O_RDWR | O_TRUNC, 0600);
    FSHOW("create /tmp/created", f >= 0);
    char link[256] = {0}, path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", f);
    readlink(path, link, sizeof link);
    printf("its /proc/self/fd link: %s\n", link);
    expect("the link is the guest path", strcmp(link, "/tmp/created") == 0);
    FSHOW("rename it", rename("/tmp/created", "/tmp/renamed"));
    FSHOW("lstat the new name", lstat("/tmp/renamed", &st));
    FSHOW("symlink inside", symlink("/tmp/renamed", "/tmp/link"));
    FSHOW("stat through it", stat("/tmp/link", &st));
    FSHOW("mkdir /tmp/d", mkdir("/tmp/d", 0700));
    int d = open("/tmp/d", O_RDONLY | O_DIRECTORY);
    show_file("openat-relative ../../../etc/marker", "/tmp/d/../../../etc/marker");
    FSHOW("openat(dirfd, ../../../../etc/marker)", openat(d, "../../../../etc/marker", O_RDONLY) >= 0);
    FSHOW("unlink /tmp/link", unlink("/tmp/link"));
    FSHOW("unlink /tmp/renamed", unlink("/tmp/renamed"));
    FSHOW("rmdir /tmp/d", rmdir("/tmp/d"));
    FEXPECT_ERRNO("lstat /tmp/renamed after unlink", lstat("/tmp/renamed", &st), ENOENT);
    FSHOW("lstat /..", lstat("/..", &st) == 0 && S_ISDIR(st.st_mode));
    return check_status();
}
