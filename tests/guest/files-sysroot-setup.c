/*
 * Builds the directory tree files-sysroot runs in (--sysroot=sysroot-files, under tests/build):
 * etc/marker, an absolute symlink that would leave the tree if it were followed on the host,
 * and a relative one. Running it again (natively, then under the emulator) changes nothing.
 */
#include "files-common.h"
#include <sys/stat.h>

int main(void)
{
    mkdir("sysroot-files", 0755);
    mkdir("sysroot-files/etc", 0755);
    mkdir("sysroot-files/tmp", 0755);
    int f = open("sysroot-files/etc/marker", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    FSHOW("write the marker", write(f, "inside the sysroot\n", 19));
    close(f);
    unlink("sysroot-files/escape");
    FSHOW("absolute symlink", symlink("/etc/marker", "sysroot-files/escape"));
    unlink("sysroot-files/up");
    FSHOW("relative symlink climbing out", symlink("../../../../../../etc/marker", "sysroot-files/up"));
    return check_status();
}
