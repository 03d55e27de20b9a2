/* Stress: threads race close() and epoll_ctl on the same descriptor numbers while another waits.
 * epoll_ctl only ever answers as Linux can (0, EBADF, ENOENT, EEXIST), and once every file is
 * closed no registration is left behind. */
#include "check.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

#define ROUNDS 3000
#define LOW 10
#define HIGH 40

static int ep;
static volatile int done;
static volatile long unexpected;

static void note(int r)
{
    if (r != 0 && errno != EBADF && errno != ENOENT && errno != EEXIST && errno != EPERM && errno != EINVAL)
        __sync_fetch_and_add(&unexpected, 1);
}

static void *churn(void *arg)
{
    uint64_t one = 1;
    for (int i = 0; i < ROUNDS; i++) {
        int fd = eventfd(0, EFD_NONBLOCK);
        struct epoll_event ev = {.events = EPOLLIN | (i % 3 == 0 ? EPOLLET : 0), .data.u64 = 0xfeed0000ULL | fd};
        note(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
        write(fd, &one, 8);
        if (i % 2)
            note(epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev));
        close(fd);
    }
    return NULL;
}

static void *meddle(void *arg)
{
    unsigned seed = 7;
    while (!done) {
        seed = seed * 1103515245 + 12345;
        int fd = LOW + (seed >> 16) % (HIGH - LOW);
        struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0xbeef0000ULL | fd};
        switch ((seed >> 8) % 3) {
        case 0:
            note(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL));
            break;
        case 1:
            note(epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev));
            break;
        default:
            note(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
            break;
        }
    }
    return NULL;
}

static volatile long bad_data;

static void *wait_loop(void *arg)
{
    struct epoll_event out[16];
    while (!done) {
        int n = epoll_wait(ep, out, 16, 10);
        for (int i = 0; i < n; i++) {
            uint64_t tag = out[i].data.u64 >> 16;
            if (tag != 0xfeed && tag != 0xbeef)
                bad_data++;
        }
    }
    return NULL;
}

int main(void)
{
    ep = epoll_create1(0);
    /* keep low numbers busy so the churned descriptors land in [LOW, HIGH) */
    int filler[LOW];
    for (int i = 0; i < LOW; i++)
        filler[i] = -1;
    for (int fd = 0; fd < LOW; fd++) {
        int e = eventfd(0, 0);
        if (e >= LOW) {
            close(e);
            break;
        }
        filler[fd] = e;
    }
    pthread_t c1, c2, m, w;
    pthread_create(&w, NULL, wait_loop, NULL);
    pthread_create(&m, NULL, meddle, NULL);
    pthread_create(&c1, NULL, churn, NULL);
    pthread_create(&c2, NULL, churn, NULL);
    pthread_join(c1, NULL);
    pthread_join(c2, NULL);
    done = 1;
    pthread_join(m, NULL);
    pthread_join(w, NULL);
    printf("unexpected epoll_ctl errors: %ld\n", unexpected);
    printf("events with foreign data: %ld\n", bad_data);
    /* every churned file is closed; only the meddler's own registrations of filler-free numbers
     * could remain, and those numbers are all closed too: nothing may be reported */
    struct epoll_event out[16];
    int fresh = eventfd(1, 0);
    int n = epoll_wait(ep, out, 16, 0);
    printf("events after every file closed: %d\n", n);
    EXPECT_ERRNO("a fresh file on a reused number is not registered", epoll_ctl(ep, EPOLL_CTL_DEL, fresh, NULL), ENOENT);
    expect("no unexpected errors", unexpected == 0 && bad_data == 0 && n == 0);
    for (int i = 0; i < LOW; i++)
        if (filler[i] >= 0)
            close(filler[i]);
    return check_status();
}
