/* SCM_RIGHTS and SCM_CREDENTIALS over AF_UNIX: a pipe, an epoll instance, a socket (also one
 * sent over itself) and a regular file pass between threads and keep sharing their open file
 * description (offset, status flags, epoll interest); MSG_CMSG_CLOEXEC; MSG_CTRUNC when the
 * control buffer is too small; a descriptor closed (and its number reused) while in flight;
 * MSG_PEEK of rights; bad descriptors refused with EBADF. */
#include "socket-common.h"
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/stat.h>

static int send_fds(int sock, const int *fds, int n, const char *data)
{
    char control[CMSG_SPACE(sizeof(int) * 8)];
    memset(control, 0, sizeof control);
    struct iovec iov = {(void *)data, strlen(data)};
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = control;
    m.msg_controllen = CMSG_SPACE(sizeof(int) * n);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * n);
    memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
    return sendmsg(sock, &m, 0);
}

/* Receives up to 8 fds; returns their count (-1 on error), *flags gets msg_flags. */
static int recv_fds(int sock, int *fds, int space_fds, int flags, int *msg_flags, char *data, int datalen)
{
    char control[CMSG_SPACE(sizeof(int) * 8)];
    struct iovec iov = {data, datalen};
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = control;
    m.msg_controllen = space_fds ? CMSG_SPACE(sizeof(int) * space_fds) : 0;
    if (space_fds == 0)
        m.msg_control = NULL;
    int r = recvmsg(sock, &m, flags);
    if (r < 0)
        return -1;
    *msg_flags = m.msg_flags;
    int n = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            memcpy(fds + n, CMSG_DATA(c), sizeof(int) * k);
            n += k;
        }
    }
    return n;
}

static int sv[2];

static void *receiver_thread(void *arg)
{
    int *out = arg;
    char data[8];
    int flags;
    out[1] = recv_fds(sv[1], &out[0], 1, 0, &flags, data, sizeof data);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    SEXPECT("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);

    /* a pipe: data written through the original comes out of the received read end */
    int p[2];
    pipe(p);
    SEXPECT("send pipe read end", send_fds(sv[0], &p[0], 1, "P"), 1);
    int got[8], flags;
    char data[8];
    SEXPECT("received one fd", recv_fds(sv[1], got, 1, 0, &flags, data, sizeof data), 1);
    expect("a new number", got[0] != p[0]);
    expect("not close-on-exec", !is_cloexec(got[0]));
    write(p[1], "pipe!", 5);
    char buf[16] = {0};
    SEXPECT("read through received end", read(got[0], buf, sizeof buf), 5);
    fcntl(got[0], F_SETFL, O_NONBLOCK);
    expect("status flags shared with the original", is_nonblock(p[0]));
    close(got[0]);

    /* a regular file: the offset is shared */
    int f = open("socket-scm-rights.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(f, "0123456789", 10);
    lseek(f, 2, SEEK_SET);
    send_fds(sv[0], &f, 1, "F");
    recv_fds(sv[1], got, 1, MSG_CMSG_CLOEXEC, &flags, data, sizeof data);
    expect("MSG_CMSG_CLOEXEC sets close-on-exec", is_cloexec(got[0]));
    SEXPECT("offset shared", lseek(got[0], 0, SEEK_CUR), 2);
    lseek(got[0], 7, SEEK_SET);
    SEXPECT("moved through the copy", lseek(f, 0, SEEK_CUR), 7);
    struct stat a, b;
    fstat(f, &a);
    fstat(got[0], &b);
    expect("same inode", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    close(got[0]);

    /* an epoll instance: the interest list travels with it */
    int ep = epoll_create1(0);
    int e[2];
    pipe(e);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 42};
    epoll_ctl(ep, EPOLL_CTL_ADD, e[0], &ev);
    send_fds(sv[0], &ep, 1, "E");
    close(ep);
    recv_fds(sv[1], got, 1, 0, &flags, data, sizeof data);
    write(e[1], "x", 1);
    struct epoll_event out;
    SEXPECT("epoll_wait on the received instance", epoll_wait(got[0], &out, 1, 1000), 1);
    printf("data: %llu\n", (unsigned long long)out.data.u64);
    close(got[0]);

    /* a socket, and the socket sent over itself */
    int inner[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, inner);
    int two[2] = {inner[0], sv[0]};
    SEXPECT("send two fds", send_fds(sv[0], two, 2, "S"), 1);
    SEXPECT("received two", recv_fds(sv[1], got, 2, 0, &flags, data, sizeof data), 2);
    SEXPECT("send through the received socket", send(got[0], "via", 3, 0), 3);
    SEXPECT("arrives at its peer", recv(inner[1], buf, sizeof buf, 0), 3);
    SEXPECT("write via the received copy of sv[0]", write(got[1], "self", 4), 4);
    SEXPECT("arrives at sv[1]", read(sv[1], buf, sizeof buf), 4);
    close(got[0]);
    close(got[1]);

    /* closed while in flight, the number reused: the receiver gets the original */
    int tmp[2];
    pipe(tmp);
    int number = tmp[0];
    send_fds(sv[0], &number, 1, "C");
    close(tmp[0]);
    int reused = open("/dev/null", O_RDONLY);
    expect("number reused", reused == number);
    recv_fds(sv[1], got, 1, 0, &flags, data, sizeof data);
    write(tmp[1], "orig", 4);
    SEXPECT("received the pipe, not /dev/null", read(got[0], buf, sizeof buf), 4);
    close(got[0]);
    close(reused);

    /* MSG_CTRUNC: room for one of three */
    int three[3] = {p[0], p[1], f};
    send_fds(sv[0], three, 3, "T");
    int n = recv_fds(sv[1], got, 1, 0, &flags, data, sizeof data);
    printf("fds with room for one: %d, MSG_CTRUNC: %d\n", n, (flags & MSG_CTRUNC) != 0);
    for (int i = 0; i < n; i++)
        close(got[i]);
    send_fds(sv[0], three, 3, "U");
    n = recv_fds(sv[1], got, 0, 0, &flags, data, sizeof data);
    printf("fds with no control buffer: %d, MSG_CTRUNC: %d\n", n, (flags & MSG_CTRUNC) != 0);

    /* MSG_PEEK shows the rights without consuming them */
    send_fds(sv[0], &f, 1, "K");
    n = recv_fds(sv[1], got, 1, MSG_PEEK, &flags, data, sizeof data);
    printf("peeked fds: %d\n", n);
    int peeked = got[0];
    n = recv_fds(sv[1], got, 1, 0, &flags, data, sizeof data);
    printf("received after peek: %d, another number: %d\n", n, got[0] != peeked);
    SEXPECT("both share the offset", lseek(peeked, 0, SEEK_CUR) == lseek(got[0], 0, SEEK_CUR), 1);
    close(peeked);
    close(got[0]);

    /* to another thread */
    int result[2] = {-1, -1};
    pthread_t t;
    pthread_create(&t, NULL, receiver_thread, result);
    send_fds(sv[0], &p[1], 1, "H");
    pthread_join(t, NULL);
    printf("thread received: %d\n", result[1]);
    SEXPECT("write through the thread's copy", write(result[0], "t", 1), 1);
    SEXPECT("read it", read(p[0], buf, sizeof buf), 1);
    close(result[0]);

    /* errors */
    int bad = 999;
    SEXPECT_ERRNO("a closed fd", send_fds(sv[0], &bad, 1, "B"), EBADF);
    SEXPECT_ERRNO("nothing was sent", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);

    /* credentials */
    int on = 1;
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    send(sv[0], "c", 1, 0);
    char control[CMSG_SPACE(sizeof(struct ucred))];
    struct iovec iov = {buf, sizeof buf};
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = control;
    m.msg_controllen = sizeof control;
    SEXPECT("recvmsg with SO_PASSCRED", recvmsg(sv[1], &m, 0), 1);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    expect("SCM_CREDENTIALS", c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS);
    struct ucred cred;
    memcpy(&cred, CMSG_DATA(c), sizeof cred);
    expect("our pid, uid, gid", cred.pid == getpid() && cred.uid == getuid() && cred.gid == getgid());
    unlink("socket-scm-rights.tmp");
    return check_status();
}
