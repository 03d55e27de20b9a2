/*
 * TCP request/response over loopback: the main thread writes one byte to a connected socket and
 * blocks until a partner thread (the server side of the connection) echoes it; ns per round trip.
 * Uses ::1, or 127.0.0.1 where the machine has no IPv6 loopback. TCP_NODELAY on both ends.
 */
#include "bench.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *const NAME = "tcp-echo";
static int client_fd, server_fd;

static void *echo(void *unused)
{
    (void)unused;
    char c;
    while (read(server_fd, &c, 1) == 1 && c != 0)
        if (write(server_fd, &c, 1) != 1)
            break;
    return NULL;
}

static long batch(long n)
{
    char c = 'x';
    for (long i = 0; i < n; i++) {
        BENCH_CHECK(NAME, write(client_fd, &c, 1) == 1, "write");
        BENCH_CHECK(NAME, read(client_fd, &c, 1) == 1, "read");
    }
    return n;
}

/* A listening socket on the loopback of one family; -1 when it has none. */
static int listener(int family, struct sockaddr_storage *addr, socklen_t *len)
{
    memset(addr, 0, sizeof *addr);
    if (family == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)addr;
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        *len = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)addr;
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        *len = sizeof *a;
    }
    int s = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0 || bind(s, (struct sockaddr *)addr, *len) != 0 || listen(s, 1) != 0
            || getsockname(s, (struct sockaddr *)addr, len) != 0) {
        if (s >= 0)
            close(s);
        return -1;
    }
    return s;
}

int main(int argc, char **argv)
{
    struct sockaddr_storage addr;
    socklen_t len;
    int family = AF_INET6;
    int s = listener(family, &addr, &len);
    if (s < 0) {
        family = AF_INET;
        s = listener(family, &addr, &len);
    }
    if (s < 0)
        return bench_unavailable(NAME, "loopback listener", errno);
    client_fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (client_fd < 0 || connect(client_fd, (struct sockaddr *)&addr, len) != 0)
        return bench_unavailable(NAME, "connect", errno);
    server_fd = accept(s, NULL, NULL);
    if (server_fd < 0)
        return bench_unavailable(NAME, "accept", errno);
    int on = 1;
    setsockopt(client_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    setsockopt(server_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    pthread_t thread;
    int err = pthread_create(&thread, NULL, echo, NULL);
    if (err != 0)
        return bench_unavailable(NAME, "pthread_create", err);
    struct bench b = {NAME, batch, 100, 10000};
    int status = bench_main(&b, argc, argv);
    char stop = 0;
    write(client_fd, &stop, 1);
    pthread_join(thread, NULL);
    return status;
}
