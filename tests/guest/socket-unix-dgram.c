/* AF_UNIX datagram and seqpacket sockets: message boundaries, MSG_TRUNC (flag and result),
 * sendto/recvfrom with path and abstract names, connect on datagrams, sendmsg/recvmsg with
 * several iovecs, sendmmsg/recvmmsg, EMSGSIZE and EDESTADDRREQ. */
#include "socket-common.h"
#include <sys/uio.h>
#include <time.h>

static void boundaries(int type, const char *label)
{
    int sv[2];
    printf("[%s]\n", label);
    SEXPECT("socketpair", socketpair(AF_UNIX, type, 0, sv), 0);
    SEXPECT("send 5", send(sv[0], "hello", 5, 0), 5);
    SEXPECT("send 3", send(sv[0], "abc", 3, 0), 3);
    SEXPECT("send 0", send(sv[0], "", 0, 0), 0);
    char buf[64];
    SEXPECT("first message whole", recv(sv[1], buf, sizeof buf, 0), 5);
    SEXPECT("MSG_TRUNC gives the real length", recv(sv[1], buf, 1, MSG_TRUNC), 3);
    SEXPECT("empty message", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), 0);
    /* a truncated message through recvmsg sets MSG_TRUNC in msg_flags */
    send(sv[0], "0123456789", 10, 0);
    struct iovec iov[2] = {{buf, 3}, {buf + 10, 4}};
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = iov;
    m.msg_iovlen = 2;
    SEXPECT("recvmsg into 3+4 bytes", recvmsg(sv[1], &m, 0), 7);
    printf("msg_flags MSG_TRUNC: %d\n", (m.msg_flags & MSG_TRUNC) != 0);
    expect("scattered", memcmp(buf, "012", 3) == 0 && memcmp(buf + 10, "3456", 4) == 0);
    /* gathered send */
    struct iovec out[3] = {{"ab", 2}, {"cd", 2}, {"e", 1}};
    memset(&m, 0, sizeof m);
    m.msg_iov = out;
    m.msg_iovlen = 3;
    SEXPECT("sendmsg 3 iovecs", sendmsg(sv[0], &m, 0), 5);
    memset(buf, 0, sizeof buf);
    SEXPECT("one message", recv(sv[1], buf, sizeof buf, 0), 5);
    expect("gathered", strcmp(buf, "abcde") == 0);
    /* too big for the socket */
    int big = 1 << 20;
    char *huge = malloc(big);
    memset(huge, 'x', big);
    SSHOW("1 MiB message", send(sv[0], huge, big, MSG_DONTWAIT));
    free(huge);
    close(sv[0]);
    SSHOW("recv after the peer closed", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    close(sv[1]);
}

static void named_datagrams(const char *server_name, const char *client_name)
{
    struct sockaddr_un sa, ca, from;
    socklen_t salen = unix_address(&sa, server_name);
    socklen_t calen = unix_address(&ca, client_name);
    printf("[datagrams %s]\n", server_name[0] == '@' ? "abstract" : "path");
    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    int c = socket(AF_UNIX, SOCK_DGRAM, 0);
    SEXPECT("bind server", bind(s, (struct sockaddr *)&sa, salen), 0);
    SEXPECT("bind client", bind(c, (struct sockaddr *)&ca, calen), 0);
    SEXPECT_ERRNO("send without address", send(c, "x", 1, 0), ENOTCONN);
    SEXPECT("sendto server", sendto(c, "req", 3, 0, (struct sockaddr *)&sa, salen), 3);
    char buf[32];
    socklen_t flen = sizeof from;
    memset(&from, 0, sizeof from);
    SEXPECT("recvfrom", recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 3);
    expect("sender's address", flen == calen && memcmp(&from, &ca, calen) == 0);
    SEXPECT("reply to it", sendto(s, "rep", 3, 0, (struct sockaddr *)&from, flen), 3);
    flen = 4; /* too short: truncated copy, full length reported */
    SEXPECT("recvfrom short address buffer", recvfrom(c, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 3);
    expect("full length reported", flen == salen);
    SEXPECT("connect client to server", connect(c, (struct sockaddr *)&sa, salen), 0);
    SEXPECT("send on connected", send(c, "two", 3, 0), 3);
    struct sockaddr_un peer;
    socklen_t plen = sizeof peer;
    SEXPECT("getpeername", getpeername(c, (struct sockaddr *)&peer, &plen), 0);
    expect("peer is the server", plen == salen && memcmp(&peer, &sa, salen) == 0);
    /* several at once */
    struct mmsghdr msgs[3];
    struct iovec iovs[3];
    char bufs[3][8];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < 3; i++) {
        iovs[i].iov_base = bufs[i];
        iovs[i].iov_len = sizeof bufs[i];
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    SEXPECT("recvmmsg one queued, MSG_DONTWAIT", recvmmsg(s, msgs, 3, MSG_DONTWAIT, NULL), 1);
    printf("its length: %u\n", msgs[0].msg_len);
    struct mmsghdr outs[2];
    struct iovec oiov[2] = {{"m1", 2}, {"msg2", 4}};
    memset(outs, 0, sizeof outs);
    for (int i = 0; i < 2; i++) {
        outs[i].msg_hdr.msg_iov = &oiov[i];
        outs[i].msg_hdr.msg_iovlen = 1;
    }
    SEXPECT("sendmmsg two", sendmmsg(c, outs, 2, 0), 2);
    printf("sent lengths: %u %u\n", outs[0].msg_len, outs[1].msg_len);
    SEXPECT("recvmmsg MSG_WAITFORONE", recvmmsg(s, msgs, 3, MSG_WAITFORONE, NULL), 2);
    printf("lengths: %u %u\n", msgs[0].msg_len, msgs[1].msg_len);
    /* the timeout: checked after each message, what is left written back; a bad one refused */
    send(c, "t1", 2, 0);
    send(c, "t2", 2, 0);
    struct timespec left = {0, 200000000};
    SEXPECT("recvmmsg with a timeout, MSG_DONTWAIT", recvmmsg(s, msgs, 3, MSG_DONTWAIT, &left), 2);
    expect("time left written back, within the timeout",
           left.tv_sec == 0 && left.tv_nsec >= 0 && left.tv_nsec <= 200000000);
    struct timespec bad = {0, 1000000000};
    SEXPECT_ERRNO("recvmmsg bad timeout", recvmmsg(s, msgs, 3, MSG_DONTWAIT, &bad), EINVAL);
    close(s);
    SSHOW("send to a closed server", send(c, "x", 1, MSG_DONTWAIT));
    close(c);
    if (server_name[0] != '@') {
        unlink(server_name);
        unlink(client_name);
    }
}

static void seqpacket_listen(void)
{
    struct sockaddr_un a;
    socklen_t alen = unix_address(&a, "@osgix-test-seqpacket");
    printf("[seqpacket listener]\n");
    int s = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    SEXPECT("bind", bind(s, (struct sockaddr *)&a, alen), 0);
    SEXPECT("listen", listen(s, 1), 0);
    int c = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0);
    SEXPECT("connect", connect(c, (struct sockaddr *)&a, alen), 0);
    int a1 = accept(s, NULL, NULL);
    SSHOW("accept", a1 >= 0 ? 0 : -1);
    SEXPECT("send", send(c, "packet-one", 10, 0), 10);
    SEXPECT("send", send(c, "p2", 2, 0), 2);
    char buf[32];
    SEXPECT("first record", recv(a1, buf, sizeof buf, 0), 10);
    SEXPECT("second record", recv(a1, buf, sizeof buf, 0), 2);
    int v = 0;
    socklen_t len = sizeof v;
    getsockopt(a1, SOL_SOCKET, SO_TYPE, &v, &len);
    printf("SO_TYPE of accepted: %d\n", v);
    shutdown(c, SHUT_WR);
    SEXPECT("EOF after shutdown", recv(a1, buf, sizeof buf, 0), 0);
    close(a1);
    close(c);
    close(s);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    boundaries(SOCK_DGRAM, "dgram pair");
    boundaries(SOCK_SEQPACKET, "seqpacket pair");
    unlink("osgix-test-dgram-s.sock");
    unlink("osgix-test-dgram-c.sock");
    named_datagrams("osgix-test-dgram-s.sock", "osgix-test-dgram-c.sock");
    named_datagrams("@osgix-test-dgram-s", "@osgix-test-dgram-c");
    seqpacket_listen();
    int d = socket(AF_UNIX, SOCK_DGRAM, 0);
    SEXPECT_ERRNO("dgram send without any address", send(d, "x", 1, 0), ENOTCONN);
    SEXPECT_ERRNO("listen on dgram", listen(d, 1), EOPNOTSUPP);
    close(d);
    return check_status();
}
