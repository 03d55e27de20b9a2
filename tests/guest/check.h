/*
 * Helpers shared by the guest test programs.
 *
 * Every program prints facts as "label: value" lines that must be identical natively and
 * under the emulator, and exits 1 when one of its own expectations fails, so a wrong
 * result shows up even when native and emulated runs happen to agree.
 */
#ifndef OSGIX_CHECK_H
#define OSGIX_CHECK_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static int check_failures;

/* Prints "label: yes|no"; a "no" makes the program exit 1 at the end. */
static void expect(const char *label, int holds)
{
    printf("%s: %s\n", label, holds ? "yes" : "no");
    if (!holds)
        check_failures++;
}

/* Symbolic name of an errno value: names are stable across libcs, messages are not. */
static const char *errno_name(int e)
{
    switch (e) {
    case 0: return "OK";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case ESRCH: return "ESRCH";
    case EINTR: return "EINTR";
    case EIO: return "EIO";
    case E2BIG: return "E2BIG";
    case ENOEXEC: return "ENOEXEC";
    case EBADF: return "EBADF";
    case ECHILD: return "ECHILD";
    case EAGAIN: return "EAGAIN";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EBUSY: return "EBUSY";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EINVAL: return "EINVAL";
    case ENFILE: return "ENFILE";
    case EMFILE: return "EMFILE";
    case ENOTTY: return "ENOTTY";
    case EFBIG: return "EFBIG";
    case ENOSPC: return "ENOSPC";
    case ESPIPE: return "ESPIPE";
    case EPIPE: return "EPIPE";
    case ERANGE: return "ERANGE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ELOOP: return "ELOOP";
    case ETXTBSY: return "ETXTBSY";
    case ENOSYS: return "ENOSYS";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EOVERFLOW: return "EOVERFLOW";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return "E?";
    }
}

/* Prints "label: RESULT ERRNO" for a call returning -1/errno (libc and syscall()). */
static void show_result(const char *label, long result, int err)
{
    if (result == -1)
        printf("%s: -1 %s\n", label, errno_name(err));
    else
        printf("%s: %ld\n", label, result);
}

/* Runs CALL with errno cleared and prints its result and errno name. */
#define SHOW(label, call)                         \
    do {                                          \
        errno = 0;                                \
        long show_result_value = (long)(call);    \
        show_result(label, show_result_value, errno); \
    } while (0)

/* Like SHOW, but also an expectation: the call must fail with errno WANT. */
#define EXPECT_ERRNO(label, call, want)           \
    do {                                          \
        errno = 0;                                \
        long expect_value = (long)(call);         \
        int expect_err = errno;                   \
        show_result(label, expect_value, expect_err); \
        if (expect_value != -1 || expect_err != (want)) \
            check_failures++;                     \
    } while (0)

/* Like EXPECT_ERRNO for calls returning a pointer (mmap, mremap): a success prints no address. */
#define EXPECT_MAP_ERRNO(label, call, want)       \
    do {                                          \
        errno = 0;                                \
        void *expect_map = (call);                \
        int expect_err = errno;                   \
        if (expect_map == MAP_FAILED)             \
            printf("%s: MAP_FAILED %s\n", label, errno_name(expect_err)); \
        else                                      \
            printf("%s: mapped\n", label);        \
        if (expect_map != MAP_FAILED || expect_err != (want)) \
            check_failures++;                     \
    } while (0)

/* Exit status summarising the expectations; also flushes stdout. */
static int check_status(void)
{
    fflush(stdout);
    return check_failures ? 1 : 0;
}

/* Kernel ABI constants, defined here because musl ships no <linux/futex.h> or <asm/prctl.h>. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY 0xffffffff
#define ARCH_GET_FS 0x1003

/* Thread id without relying on a libc wrapper (musl and old glibc differ). */
static long current_tid(void)
{
    return syscall(SYS_gettid);
}

#endif
