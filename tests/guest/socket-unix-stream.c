/* AF_UNIX stream sockets: socketpair, path and abstract names, listen/accept/connect,
 * getsockname/getpeername, MSG_PEEK/MSG_DONTWAIT/MSG_WAITALL/MSG_TRUNC, shutdown, EPIPE,
 * SO_PEERCRED, SO_TYPE/SO_DOMAIN, an unknown option, FIONREAD and read/write on sockets. */
#include "socket-common.h"
#include <pthread.h>
#include <sys/ioctl.h>
#include <time.h>

static void pause_ms(int ms)
{
    struct timespec t = {0, ms * 1000000L};
    nanosleep(&t, NULL);
}

/* Writes "abcdefghij" in two pieces with a pause between them. */
static void *slow_writer(void *arg)
{
    int fd = *(int *)arg;
    pause_ms(50);
    write(fd, "abcd", 4);
    pause_ms(50);
    write(fd, "efghij", 6);
    return NULL;
}

static void pair_basics(void)
{
    int sv[2];
    SEXPECT("socketpair stream", socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    expect("not close-on-exec by default", !is_cloexec(sv[0]) && !is_cloexec(sv[1]));
    SEXPECT("send", send(sv[0], "hello", 5, 0), 5);
    char buf[32] = {0};
    SEXPECT("MSG_PEEK", recv(sv[1], buf, 3, MSG_PEEK), 3);
    expect("peeked hel", memcmp(buf, "hel", 3) == 0);
    int avail = -1;
    SEXPECT("FIONREAD", ioctl(sv[1], FIONREAD, &avail), 0);
    printf("bytes queued: %d\n", avail);
    SEXPECT("recv all", recv(sv[1], buf, sizeof buf, 0), 5);
    expect("got hello", memcmp(buf, "hello", 5) == 0);
    SEXPECT_ERRNO("MSG_DONTWAIT on empty", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
    /* read and write through the io family */
    SEXPECT("write", write(sv[1], "xyz", 3), 3);
    SEXPECT("read", read(sv[0], buf, sizeof buf), 3);
    /* MSG_WAITALL gathers pieces */
    pthread_t t;
    pthread_create(&t, NULL, slow_writer, &sv[0]);
    memset(buf, 0, sizeof buf);
    SEXPECT("MSG_WAITALL 10 bytes from two writes", recv(sv[1], buf, 10, MSG_WAITALL), 10);
    expect("in order", memcmp(buf, "abcdefghij", 10) == 0);
    pthread_join(t, NULL);
    /* MSG_TRUNC on an AF_UNIX stream: no discarding without a buffer (that is TCP's) */
    send(sv[0], "12345", 5, 0);
    SSHOW("MSG_TRUNC on stream, no buffer", recv(sv[1], NULL, 2, MSG_TRUNC));
    SSHOW("MSG_TRUNC on stream", recv(sv[1], buf, 2, MSG_TRUNC));
    SSHOW("rest after MSG_TRUNC", recv(sv[1], buf, sizeof buf, 0));
    /* options */
    int v = -1;
    socklen_t len = sizeof v;
    getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len);
    printf("SO_TYPE: %d len %u\n", v, (unsigned)len);
    len = sizeof v;
    getsockopt(sv[0], SOL_SOCKET, SO_DOMAIN, &v, &len);
    printf("SO_DOMAIN: %d\n", v);
    len = sizeof v;
    SEXPECT_ERRNO("unknown SOL_SOCKET option", getsockopt(sv[0], SOL_SOCKET, 9999, &v, &len), ENOPROTOOPT);
    SEXPECT_ERRNO("unknown level option", setsockopt(sv[0], SOL_SOCKET, 9999, &v, sizeof v), ENOPROTOOPT);
    struct ucred cred;
    len = sizeof cred;
    SEXPECT("SO_PEERCRED", getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &len), 0);
    expect("peer pid is ours", cred.pid == getpid());
    expect("peer uid and gid are ours", cred.uid == getuid() && cred.gid == getgid());
    /* shutdown: the peer reads end-of-file, writes on our end fail */
    SEXPECT("shutdown SHUT_WR", shutdown(sv[0], SHUT_WR), 0);
    SEXPECT("peer reads EOF", recv(sv[1], buf, sizeof buf, 0), 0);
    SEXPECT_ERRNO("send after SHUT_WR", send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
    SEXPECT("other direction still works", send(sv[1], "y", 1, 0), 1);
    SEXPECT("and arrives", recv(sv[0], buf, 1, 0), 1);
    close(sv[1]);
    SEXPECT_ERRNO("send to closed peer, MSG_NOSIGNAL", send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
    signal(SIGPIPE, SIG_IGN);
    SEXPECT_ERRNO("write to closed peer, SIGPIPE ignored", write(sv[0], "x", 1), EPIPE);
    close(sv[0]);
    SEXPECT("socketpair cloexec|nonblock", socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv), 0);
    expect("cloexec and nonblock", is_cloexec(sv[0]) && is_nonblock(sv[1]));
    SEXPECT_ERRNO("nonblocking recv", recv(sv[0], buf, 1, 0), EAGAIN);
    close(sv[0]);
    close(sv[1]);
}

static char client_result[64];

static void *client(void *arg)
{
    struct sockaddr_un a;
    socklen_t alen = unix_address(&a, (const char *)arg);
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&a, alen) != 0) {
        snprintf(client_result, sizeof client_result, "connect failed: %s", sock_errno_name(errno));
        return NULL;
    }
    char buf[16];
    write(c, "ping", 4);
    int n = read(c, buf, sizeof buf);
    snprintf(client_result, sizeof client_result, "%.*s", n > 0 ? n : 0, buf);
    close(c);
    return NULL;
}

static void named(const char *name)
{
    struct sockaddr_un a;
    socklen_t alen = unix_address(&a, name);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    printf("[%s]\n", name[0] == '@' ? "abstract" : "path");
    SEXPECT("bind", bind(s, (struct sockaddr *)&a, alen), 0);
    SSHOW("bind again", bind(s, (struct sockaddr *)&a, alen));
    int s2 = socket(AF_UNIX, SOCK_STREAM, 0);
    SEXPECT_ERRNO("bind the same name", bind(s2, (struct sockaddr *)&a, alen), EADDRINUSE);
    close(s2);
    SEXPECT("listen", listen(s, 4), 0);
    int v = 0;
    socklen_t len = sizeof v;
    getsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, &v, &len);
    printf("SO_ACCEPTCONN: %d\n", v);
    struct sockaddr_un got;
    len = sizeof got;
    SEXPECT("getsockname", getsockname(s, (struct sockaddr *)&got, &len), 0);
    expect("getsockname length and name", len == alen && memcmp(&got, &a, alen) == 0);
    pthread_t t;
    pthread_create(&t, NULL, client, (void *)name);
    struct sockaddr_un peer;
    len = sizeof peer;
    int c = accept4(s, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
    SSHOW("accept4 ok", c >= 0 ? 0 : -1);
    printf("unnamed peer address length: %u\n", (unsigned)len);
    expect("accepted socket close-on-exec", is_cloexec(c));
    char buf[16];
    int n = read(c, buf, sizeof buf);
    printf("server got: %.*s\n", n > 0 ? n : 0, buf);
    write(c, "pong", 4);
    len = sizeof got;
    SEXPECT("getsockname of accepted", getsockname(c, (struct sockaddr *)&got, &len), 0);
    expect("accepted socket has the listener's name", len == alen && memcmp(&got, &a, alen) == 0);
    pthread_join(t, NULL);
    printf("client got: %s\n", client_result);
    SEXPECT("read after client closed", read(c, buf, sizeof buf), 0);
    close(c);
    close(s);
    if (name[0] != '@') {
        int c2 = socket(AF_UNIX, SOCK_STREAM, 0);
        SEXPECT_ERRNO("connect after the listener closed", connect(c2, (struct sockaddr *)&a, alen), ECONNREFUSED);
        close(c2);
        SEXPECT("unlink the socket file", unlink(name), 0);
    }
}

/* Blocks forever in a socket call; the process must still exit when main returns. */
static void *blocked_reader(void *arg)
{
    char c;
    recv(*(int *)arg, &c, 1, 0);
    return NULL;
}

static void *blocked_acceptor(void *arg)
{
    accept(*(int *)arg, NULL, NULL);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    pair_basics();
    unlink("osgix-test-stream.sock");
    named("osgix-test-stream.sock");
    named("@osgix-test-abstract-stream");
    struct sockaddr_un a;
    socklen_t alen = unix_address(&a, "no-such-dir/x.sock");
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    SEXPECT_ERRNO("connect to a missing path", connect(c, (struct sockaddr *)&a, alen), ENOENT);
    SEXPECT_ERRNO("getpeername unconnected", getpeername(c, (struct sockaddr *)&a, &alen), ENOTCONN);
    close(c);
    /* threads blocked in recv and accept do not keep the process alive */
    static int quiet[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, quiet);
    static int idle;
    idle = socket(AF_UNIX, SOCK_STREAM, 0);
    alen = unix_address(&a, "@osgix-test-idle-listener");
    bind(idle, (struct sockaddr *)&a, alen);
    listen(idle, 1);
    pthread_t r, l;
    pthread_create(&r, NULL, blocked_reader, &quiet[0]);
    pthread_create(&l, NULL, blocked_acceptor, &idle);
    pause_ms(50);
    printf("exiting with two threads blocked\n");
    return check_status();
}
