/*
 * socket-sigpipe: a send to a stream socket whose peer is gone raises SIGPIPE and fails with
 * EPIPE, unless the call passed MSG_NOSIGNAL; write() raises it too.
 */
#include "check.h"
#include <signal.h>
#include <sys/socket.h>

static volatile sig_atomic_t pipes;

static void on_pipe(int sig)
{
    (void) sig;
    pipes++;
}

int main(void)
{
    signal(SIGPIPE, on_pipe);
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return 2;
    close(sv[1]);
    errno = 0;
    ssize_t r = send(sv[0], "x", 1, MSG_NOSIGNAL);
    printf("send with MSG_NOSIGNAL: %zd %s, signals %d\n", r, errno_name(errno), (int) pipes);
    errno = 0;
    r = send(sv[0], "x", 1, 0);
    printf("send: %zd %s, signals %d\n", r, errno_name(errno), (int) pipes);
    errno = 0;
    r = sendto(sv[0], "x", 1, 0, NULL, 0);
    printf("sendto: %zd %s, signals %d\n", r, errno_name(errno), (int) pipes);
    errno = 0;
    r = write(sv[0], "x", 1);
    printf("write: %zd %s, signals %d\n", r, errno_name(errno), (int) pipes);
    expect("three signals", pipes == 3);
    return check_failures ? 1 : 0;
}
