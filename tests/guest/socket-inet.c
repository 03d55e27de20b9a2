/* TCP and UDP over loopback (::1, and 127.0.0.1 when lo has it): blocking echo with a server
 * thread, non-blocking connect (EINPROGRESS, poll, SO_ERROR), accept4 flags, edge-triggered
 * epoll, shutdown and EPOLLRDHUP, ECONNREFUSED, the common options, UDP round trips with
 * sendmmsg/recvmmsg, IPV6_V6ONLY and errors. Ports are ephemeral and never printed. */
#include "socket-common.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>

static int family;
static struct sockaddr_storage loop;
static socklen_t looplen;

static void set_loopback(int fam)
{
    family = fam;
    memset(&loop, 0, sizeof loop);
    if (fam == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&loop;
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        looplen = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&loop;
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        looplen = sizeof *a;
    }
}

/* A socket bound to loopback on an ephemeral port; *addr gets its address. */
static int bound(int type, struct sockaddr_storage *addr, socklen_t *len)
{
    int s = socket(family, type, 0);
    int on = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (bind(s, (struct sockaddr *)&loop, looplen) != 0)
        return -1;
    *len = sizeof *addr;
    getsockname(s, (struct sockaddr *)addr, len);
    return s;
}

static void *echo_server(void *arg)
{
    int s = *(int *)arg;
    int c = accept(s, NULL, NULL);
    char buf[256];
    int n;
    while ((n = read(c, buf, sizeof buf)) > 0)
        write(c, buf, n);
    close(c);
    return NULL;
}

static void tcp_blocking(void)
{
    struct sockaddr_storage sa;
    socklen_t salen;
    int s = bound(SOCK_STREAM, &sa, &salen);
    SEXPECT("listen", listen(s, 8), 0);
    pthread_t t;
    pthread_create(&t, NULL, echo_server, &s);
    int c = socket(family, SOCK_STREAM, 0);
    SEXPECT("connect", connect(c, (struct sockaddr *)&sa, salen), 0);
    int on = 1;
    SEXPECT("TCP_NODELAY", setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on), 0);
    int v = 0;
    socklen_t len = sizeof v;
    getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len);
    printf("TCP_NODELAY read back: %d\n", v != 0);
    char buf[64];
    long rounds = 0;
    for (int i = 0; i < 100; i++) {
        char ch = (char)('a' + i % 26);
        if (write(c, &ch, 1) == 1 && read(c, buf, 1) == 1 && buf[0] == ch)
            rounds++;
    }
    printf("1-byte echo rounds: %ld\n", rounds);
    SEXPECT("send 10", send(c, "0123456789", 10, 0), 10);
    SEXPECT("MSG_WAITALL 10", recv(c, buf, 10, MSG_WAITALL), 10);
    struct sockaddr_storage peer, me;
    socklen_t plen = sizeof peer, mlen = sizeof me;
    getpeername(c, (struct sockaddr *)&peer, &plen);
    getsockname(c, (struct sockaddr *)&me, &mlen);
    expect("peer is the server", plen == salen && memcmp(&peer, &sa, salen) == 0);
    expect("own address is loopback", mlen == salen && ((struct sockaddr *)&me)->sa_family == family);
    SEXPECT("shutdown SHUT_WR", shutdown(c, SHUT_WR), 0);
    SEXPECT("echo ends with EOF", read(c, buf, sizeof buf), 0);
    pthread_join(t, NULL);
    close(c);
    close(s);
}

static void tcp_nonblocking(int ep_fd)
{
    struct sockaddr_storage sa;
    socklen_t salen;
    int s = bound(SOCK_STREAM, &sa, &salen);
    listen(s, 8);
    int c = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);
    errno = 0;
    int r = connect(c, (struct sockaddr *)&sa, salen);
    printf("non-blocking connect: %s\n", r == 0 ? "0" : (errno == EINPROGRESS ? "EINPROGRESS" : sock_errno_name(errno)));
    struct pollfd pfd = {c, POLLOUT, 0};
    SEXPECT("poll for writable", poll(&pfd, 1, 5000), 1);
    int err = -1;
    socklen_t len = sizeof err;
    getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
    printf("SO_ERROR: %d\n", err);
    SSHOW("connect again", connect(c, (struct sockaddr *)&sa, salen));
    SEXPECT_ERRNO("and once more", connect(c, (struct sockaddr *)&sa, salen), EISCONN);
    int a = accept4(s, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    expect("accept4 flags", a >= 0 && is_nonblock(a) && is_cloexec(a));
    fcntl(s, F_SETFL, O_NONBLOCK);
    SEXPECT_ERRNO("accept on a non-blocking listener, nothing queued", accept4(s, NULL, NULL, 0), EAGAIN);
    /* edge-triggered epoll on the accepted socket */
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET | EPOLLRDHUP, .data.fd = a};
    epoll_ctl(ep_fd, EPOLL_CTL_ADD, a, &ev);
    struct epoll_event out[2];
    SEXPECT("nothing yet", epoll_wait(ep_fd, out, 2, 0), 0);
    send(c, "abc", 3, 0);
    SEXPECT("one edge", epoll_wait(ep_fd, out, 2, 5000), 1);
    printf("events: %#x\n", out[0].events);
    SEXPECT("same edge not again", epoll_wait(ep_fd, out, 2, 0), 0);
    char buf[16];
    SEXPECT("drain", recv(a, buf, sizeof buf, 0), 3);
    SEXPECT_ERRNO("drained", recv(a, buf, sizeof buf, 0), EAGAIN);
    int avail = -1;
    send(c, "xy", 2, 0);
    epoll_wait(ep_fd, out, 2, 5000);
    ioctl(a, FIONREAD, &avail);
    printf("FIONREAD: %d\n", avail);
    recv(a, buf, sizeof buf, 0);
    /* the peer's shutdown(SHUT_WR): EPOLLIN|EPOLLRDHUP */
    shutdown(c, SHUT_WR);
    SEXPECT("edge after peer shutdown", epoll_wait(ep_fd, out, 2, 5000), 1);
    printf("events: %#x (EPOLLIN %d, EPOLLRDHUP %d, EPOLLHUP %d)\n", out[0].events, !!(out[0].events & EPOLLIN),
           !!(out[0].events & EPOLLRDHUP), !!(out[0].events & EPOLLHUP));
    SEXPECT("EOF", recv(a, buf, sizeof buf, 0), 0);
    struct pollfd rd = {a, POLLIN | POLLRDHUP, 0};
    poll(&rd, 1, 0);
    printf("poll revents: %#x\n", rd.revents);
    shutdown(a, SHUT_RDWR);
    close(c);
    /* with write interest too: the kqueue backend sees the hang-up only through its write
     * filter (a read-only registration reports EPOLLIN|EPOLLRDHUP without EPOLLHUP there) */
    ev.events = EPOLLIN | EPOLLOUT | EPOLLET | EPOLLRDHUP;
    epoll_ctl(ep_fd, EPOLL_CTL_MOD, a, &ev);
    epoll_wait(ep_fd, out, 2, 1000);
    printf("after both ends shut: %#x\n", out[0].events);
    epoll_ctl(ep_fd, EPOLL_CTL_DEL, a, NULL);
    close(a);
    /* a closed port refuses */
    close(s);
    int d = socket(family, SOCK_STREAM, 0);
    SEXPECT_ERRNO("connect to a closed port", connect(d, (struct sockaddr *)&sa, salen), ECONNREFUSED);
    close(d);
}

static void options(void)
{
    int s = socket(family, SOCK_STREAM, 0);
    int v;
    socklen_t len;
#define SHOW_OPT(level, name)                                      \
    do {                                                           \
        v = -1;                                                    \
        len = sizeof v;                                            \
        errno = 0;                                                 \
        int r_ = getsockopt(s, level, name, &v, &len);             \
        printf("%s: %s %d\n", #name, r_ == 0 ? "ok" : sock_errno_name(errno), v); \
    } while (0)
    SHOW_OPT(SOL_SOCKET, SO_TYPE);
    SHOW_OPT(SOL_SOCKET, SO_DOMAIN);
    SHOW_OPT(SOL_SOCKET, SO_PROTOCOL);
    SHOW_OPT(SOL_SOCKET, SO_ACCEPTCONN);
    SHOW_OPT(SOL_SOCKET, SO_REUSEADDR);
    int on = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    setsockopt(s, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
    setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    SHOW_OPT(SOL_SOCKET, SO_REUSEADDR);
    SHOW_OPT(SOL_SOCKET, SO_REUSEPORT);
    SHOW_OPT(SOL_SOCKET, SO_KEEPALIVE);
    int idle = 77;
    setsockopt(s, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    SHOW_OPT(IPPROTO_TCP, TCP_KEEPIDLE);
    int size = 65536;
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    v = 0;
    len = sizeof v;
    getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &len);
    printf("SO_RCVBUF doubled: %d\n", v == 2 * size);
    struct linger l = {1, 5}, lg;
    setsockopt(s, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    len = sizeof lg;
    getsockopt(s, SOL_SOCKET, SO_LINGER, &lg, &len);
    printf("SO_LINGER: %d %d\n", lg.l_onoff, lg.l_linger);
    struct timeval tv = {0, 200000}, tg;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    len = sizeof tg;
    getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tg, &len);
    printf("SO_RCVTIMEO: %ld.%06ld\n", (long)tg.tv_sec, (long)tg.tv_usec);
    int tos = 0x10;
    if (family == AF_INET) {
        setsockopt(s, IPPROTO_IP, IP_TOS, &tos, sizeof tos);
        SHOW_OPT(IPPROTO_IP, IP_TOS);
    } else {
        SHOW_OPT(IPPROTO_IPV6, IPV6_V6ONLY);
    }
    SHOW_OPT(SOL_SOCKET, 12345);
    SHOW_OPT(IPPROTO_TCP, 12345);
    SEXPECT_ERRNO("setsockopt short value", setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, 2), EINVAL);
    SEXPECT_ERRNO("setsockopt bad pointer", setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (void *)8, 4), EFAULT);
    len = sizeof v;
    SEXPECT_ERRNO("getsockopt bad pointer", getsockopt(s, SOL_SOCKET, SO_TYPE, (void *)8, &len), EFAULT);
    close(s);
}

static void udp(void)
{
    struct sockaddr_storage sa, ca, from;
    socklen_t salen, calen, flen;
    int s = bound(SOCK_DGRAM, &sa, &salen);
    int c = bound(SOCK_DGRAM, &ca, &calen);
    SEXPECT("sendto", sendto(c, "ping", 4, 0, (struct sockaddr *)&sa, salen), 4);
    char buf[64];
    flen = sizeof from;
    SEXPECT("recvfrom", recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 4);
    expect("from the client", flen == calen && memcmp(&from, &ca, calen) == 0);
    SEXPECT("reply", sendto(s, "pong", 4, 0, (struct sockaddr *)&from, flen), 4);
    SEXPECT("got reply", recv(c, buf, sizeof buf, 0), 4);
    SEXPECT("MSG_TRUNC real length", (send(c, "x", 0, 0), sendto(c, "longer", 6, 0, (struct sockaddr *)&sa, salen),
            recv(s, buf, 2, MSG_TRUNC)), 6);
    struct timeval tv = {0, 100000};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    SEXPECT_ERRNO("SO_RCVTIMEO expires", recv(s, buf, sizeof buf, 0), EAGAIN);
    connect(c, (struct sockaddr *)&sa, salen);
    struct mmsghdr m[3];
    struct iovec iov[3] = {{"a", 1}, {"bb", 2}, {"ccc", 3}};
    memset(m, 0, sizeof m);
    for (int i = 0; i < 3; i++) {
        m[i].msg_hdr.msg_iov = &iov[i];
        m[i].msg_hdr.msg_iovlen = 1;
    }
    SEXPECT("sendmmsg", sendmmsg(c, m, 3, 0), 3);
    char b[3][8];
    struct iovec in[3] = {{b[0], 8}, {b[1], 8}, {b[2], 8}};
    memset(m, 0, sizeof m);
    for (int i = 0; i < 3; i++) {
        m[i].msg_hdr.msg_iov = &in[i];
        m[i].msg_hdr.msg_iovlen = 1;
    }
    int got = 0;
    while (got < 3) {
        int r = recvmmsg(s, m + got, 3 - got, MSG_WAITFORONE, NULL);
        if (r <= 0)
            break;
        got += r;
    }
    printf("recvmmsg got: %d lengths %u %u %u\n", got, m[0].msg_len, m[1].msg_len, m[2].msg_len);
    close(s);
    send(c, "x", 1, 0);
    struct pollfd pfd = {c, POLLIN, 0};
    poll(&pfd, 1, 1000);
    SEXPECT_ERRNO("ICMP port unreachable", recv(c, buf, sizeof buf, 0), ECONNREFUSED);
    close(c);
}

static void run(int fam)
{
    set_loopback(fam);
    printf("[%s]\n", fam == AF_INET6 ? "IPv6" : "IPv4");
    int ep = epoll_create1(0);
    tcp_blocking();
    tcp_nonblocking(ep);
    options();
    udp();
    close(ep);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    run(AF_INET6);
    /* 127.0.0.1 only where lo has it (some machines have ::1 alone) */
    set_loopback(AF_INET);
    int probe = socket(AF_INET, SOCK_DGRAM, 0);
    int v4 = bind(probe, (struct sockaddr *)&loop, looplen) == 0;
    close(probe);
    if (v4)
        run(AF_INET);
    SEXPECT_ERRNO("socket bad type flags", socket(AF_INET, SOCK_STREAM | 0x100, 0), EINVAL);
    SEXPECT_ERRNO("socket bad protocol", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), EPROTONOSUPPORT);
    int p[2];
    pipe(p);
    SEXPECT_ERRNO("bind on a pipe", bind(p[0], (struct sockaddr *)&loop, looplen), ENOTSOCK);
    SEXPECT_ERRNO("listen on a closed fd", listen(999, 1), EBADF);
    int s = socket(AF_INET6, SOCK_STREAM, 0);
    SEXPECT_ERRNO("bind address too long", bind(s, (struct sockaddr *)&loop, 200), EINVAL);
    SEXPECT_ERRNO("bind address bad pointer", bind(s, (struct sockaddr *)8, 28), EFAULT);
    socklen_t bad = (socklen_t)-1;
    SEXPECT_ERRNO("getsockname negative length", getsockname(s, (struct sockaddr *)&loop, &bad), EINVAL);
    SEXPECT_ERRNO("getsockname bad length pointer", getsockname(s, (struct sockaddr *)&loop, (socklen_t *)8), EFAULT);
    SEXPECT_ERRNO("accept on unlistened", accept(s, NULL, NULL), EINVAL);
    SEXPECT_ERRNO("send unconnected", send(s, "x", 1, MSG_NOSIGNAL), EPIPE);
    close(s);
    return check_status();
}
