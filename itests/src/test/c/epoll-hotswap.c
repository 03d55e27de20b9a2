/*
 * epoll-hotswap STOPFILE: traffic through one epoll set while the test swaps poll backends.
 *
 * READERS threads block in epoll_wait on PIPES pipes; WRITERS threads write one byte at a time
 * to the pipes until STOPFILE exists; a churn thread keeps deleting, re-adding and modifying
 * pipes in the interest list. Then every byte written must be read, and an eventfd wakes every
 * reader so all threads end. Prints "ready" once the traffic flows, "progress: BYTES-READ" about
 * every 50 ms while it does, then a summary; exits 1 when an expectation fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#define PIPES 8
#define READERS 3
#define WRITERS 2
#define STOP_KEY 1000

static int pipes[PIPES][2];
static int epfd, stopfd;
static const char *stopfile;
static atomic_long sent, received, wakeups;
static atomic_int writing = 1;

static void nap(long micros)
{
    struct timespec t = {micros / 1000000, (micros % 1000000) * 1000};
    nanosleep(&t, NULL);
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void watch(int op, int i)
{
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
    if (epoll_ctl(epfd, op, pipes[i][0], op == EPOLL_CTL_DEL ? NULL : &ev) != 0)
        die("epoll_ctl");
}

static void *reader(void *unused)
{
    struct epoll_event ev[4];
    char buf[256];
    for (;;) {
        int n = epoll_wait(epfd, ev, 4, -1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            die("epoll_wait");
        atomic_fetch_add(&wakeups, 1);
        for (int k = 0; k < n; k++) {
            if (ev[k].data.u32 == STOP_KEY)
                return NULL;
            ssize_t r = read(pipes[ev[k].data.u32][0], buf, sizeof buf);
            if (r > 0)
                atomic_fetch_add(&received, r);
            else if (r < 0 && errno != EAGAIN)
                die("read");
        }
    }
}

static void *writer(void *arg)
{
    long w = (long)arg;
    for (long i = 0; atomic_load(&writing); i++) {
        if (write(pipes[(w + i) % PIPES][1], "x", 1) != 1)
            die("write");
        atomic_fetch_add(&sent, 1);
        nap(200);
    }
    return NULL;
}

static void *churn(void *unused)
{
    for (int i = 0; atomic_load(&writing); i = (i + 1) % PIPES) {
        watch(EPOLL_CTL_DEL, i);
        watch(EPOLL_CTL_ADD, i);
        watch(EPOLL_CTL_MOD, i);
        nap(500);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: epoll-hotswap STOPFILE\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    stopfile = argv[1];
    if ((epfd = epoll_create1(EPOLL_CLOEXEC)) < 0)
        die("epoll_create1");
    for (int i = 0; i < PIPES; i++) {
        if (pipe2(pipes[i], O_NONBLOCK | O_CLOEXEC) != 0)
            die("pipe2");
        int fl = fcntl(pipes[i][1], F_GETFL);
        fcntl(pipes[i][1], F_SETFL, fl & ~O_NONBLOCK); /* writers block when a pipe is full */
        watch(EPOLL_CTL_ADD, i);
    }
    if ((stopfd = eventfd(0, EFD_CLOEXEC)) < 0)
        die("eventfd");
    struct epoll_event stop = {.events = EPOLLIN, .data.u32 = STOP_KEY};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, stopfd, &stop) != 0)
        die("epoll_ctl stop");

    pthread_t readers[READERS], writers[WRITERS], churner;
    for (long i = 0; i < READERS; i++)
        pthread_create(&readers[i], NULL, reader, NULL);
    for (long i = 0; i < WRITERS; i++)
        pthread_create(&writers[i], NULL, writer, (void *)i);
    pthread_create(&churner, NULL, churn, NULL);
    while (atomic_load(&received) < 10)
        nap(1000);
    printf("ready\n");

    for (int tick = 0; access(stopfile, F_OK) != 0; tick++) {
        nap(2000);
        if (tick % 25 == 0)
            printf("progress: %ld\n", atomic_load(&received));
    }
    atomic_store(&writing, 0);
    for (int i = 0; i < WRITERS; i++)
        pthread_join(writers[i], NULL);
    pthread_join(churner, NULL);
    for (int waited = 0; atomic_load(&received) < atomic_load(&sent) && waited < 20000; waited++)
        nap(1000);
    long s = atomic_load(&sent), r = atomic_load(&received);
    printf("all events arrived: %s\n", r == s ? "yes" : "no");
    fprintf(stderr, "sent %ld, received %ld, reader wakeups %ld\n", s, r, atomic_load(&wakeups));

    uint64_t one = 1;
    if (write(stopfd, &one, sizeof one) != sizeof one)
        die("write eventfd");
    for (int i = 0; i < READERS; i++)
        pthread_join(readers[i], NULL);
    printf("every reader woke for the stop: yes\n");
    printf("bytes: %ld\n", r);
    return r == s ? 0 : 1;
}
