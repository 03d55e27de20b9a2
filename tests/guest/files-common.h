/*
 * Helpers of the files-* and io-* guest tests: errno names check.h does not know, and the
 * SHOW/EXPECT_ERRNO macros with them.
 */
#ifndef OSGIX_FILES_COMMON_H
#define OSGIX_FILES_COMMON_H

#include "check.h"
#include <fcntl.h>

static const char *file_errno_name(int e)
{
    switch (e) {
    case ELOOP: return "ELOOP";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EXDEV: return "EXDEV";
    case ENXIO: return "ENXIO";
    case ENODATA: return "ENODATA";
    case EMLINK: return "EMLINK";
    case ETXTBSY: return "ETXTBSY";
    case ENOLCK: return "ENOLCK";
    case EDEADLK: return "EDEADLK";
    case E2BIG: return "E2BIG";
    case ENODEV: return "ENODEV";
    case EROFS: return "EROFS";
    default: return errno_name(e);
    }
}

static void file_show_result(const char *label, long result, int err)
{
    if (result == -1)
        printf("%s: -1 %s\n", label, file_errno_name(err));
    else
        printf("%s: %ld\n", label, result);
}

/* SHOW and EXPECT_ERRNO of check.h, with the names above. */
#define FSHOW(label, call)                        \
    do {                                          \
        errno = 0;                                \
        long fshow_value = (long)(call);          \
        file_show_result(label, fshow_value, errno); \
    } while (0)

#define FEXPECT_ERRNO(label, call, want)          \
    do {                                          \
        errno = 0;                                \
        long fexpect_value = (long)(call);        \
        int fexpect_err = errno;                  \
        file_show_result(label, fexpect_value, fexpect_err); \
        if (fexpect_value != -1 || fexpect_err != (want)) \
            check_failures++;                     \
    } while (0)

/* Makes a fresh directory under /tmp for the test; returns an O_DIRECTORY fd of it. */
static int temp_dir(char *path, const char *name)
{
    sprintf(path, "/tmp/osgix-%s-XXXXXX", name);
    if (!mkdtemp(path)) {
        perror("mkdtemp");
        exit(2);
    }
    return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

#endif
