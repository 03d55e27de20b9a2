/*
 * Helpers shared by the socket guest tests (socket-*.c): socket errno names and a few
 * one-liners. Every program prints facts that must be identical natively and under osgix.
 */
#ifndef OSGIX_SOCKET_COMMON_H
#define OSGIX_SOCKET_COMMON_H

#include "check.h"
#include <fcntl.h>
#include <stddef.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

/* errno names check.h does not know, falling back to it. */
static const char *sock_errno_name(int e)
{
    switch (e) {
    case ENOTSOCK: return "ENOTSOCK";
    case EDESTADDRREQ: return "EDESTADDRREQ";
    case EMSGSIZE: return "EMSGSIZE";
    case EPROTOTYPE: return "EPROTOTYPE";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EADDRINUSE: return "EADDRINUSE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case ECONNRESET: return "ECONNRESET";
    case EISCONN: return "EISCONN";
    case ENOTCONN: return "ENOTCONN";
    case ECONNREFUSED: return "ECONNREFUSED";
    case EINPROGRESS: return "EINPROGRESS";
    case EALREADY: return "EALREADY";
    case ENOBUFS: return "ENOBUFS";
    case ENODEV: return "ENODEV";
    default: return errno_name(e);
    }
}

/* Prints "label: RESULT" or "label: -1 ERRNO". */
#define SSHOW(label, call)                                        \
    do {                                                          \
        errno = 0;                                                \
        long sshow_value = (long)(call);                          \
        int sshow_err = errno;                                    \
        if (sshow_value == -1)                                    \
            printf("%s: -1 %s\n", label, sock_errno_name(sshow_err)); \
        else                                                      \
            printf("%s: %ld\n", label, sshow_value);              \
    } while (0)

/* Like SSHOW, and the call must fail with WANT. */
#define SEXPECT_ERRNO(label, call, want)                          \
    do {                                                          \
        errno = 0;                                                \
        long sexp_value = (long)(call);                           \
        int sexp_err = errno;                                     \
        if (sexp_value == -1)                                     \
            printf("%s: -1 %s\n", label, sock_errno_name(sexp_err)); \
        else                                                      \
            printf("%s: %ld\n", label, sexp_value);               \
        if (sexp_value != -1 || sexp_err != (want))               \
            check_failures++;                                     \
    } while (0)

/* Like SSHOW, and the call must return WANT. */
#define SEXPECT(label, call, want)                                \
    do {                                                          \
        errno = 0;                                                \
        long sexp_value = (long)(call);                           \
        int sexp_err = errno;                                     \
        if (sexp_value == -1)                                     \
            printf("%s: -1 %s\n", label, sock_errno_name(sexp_err)); \
        else                                                      \
            printf("%s: %ld\n", label, sexp_value);               \
        if (sexp_value != (want))                                 \
            check_failures++;                                     \
    } while (0)

static int is_cloexec(int fd)
{
    return (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0;
}

static int is_nonblock(int fd)
{
    return (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0;
}

/* An AF_UNIX address for a path name (or, with a leading '@', an abstract name). */
static socklen_t unix_address(struct sockaddr_un *a, const char *name)
{
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    size_t n = strlen(name);
    memcpy(a->sun_path, name, n);
    if (name[0] == '@')
        a->sun_path[0] = 0;
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (name[0] == '@' ? 0 : 1));
}

#endif
