/* eventfd: counter and semaphore semantics, EFD_NONBLOCK, EFD_CLOEXEC, size and overflow
 * errors, poll readiness, and blocking reads and writes woken by another thread. */
#include "check.h"
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <time.h>

static int blocking_fd;

static void *write_later(void *arg)
{
    usleep(50000);
    uint64_t v = (uint64_t)(uintptr_t)arg;
    write(blocking_fd, &v, 8);
    return NULL;
}

static void *read_later(void *arg)
{
    usleep(50000);
    uint64_t v;
    read(blocking_fd, &v, 8);
    return NULL;
}

static void show_read(const char *label, int fd)
{
    uint64_t v = 0;
    errno = 0;
    ssize_t n = read(fd, &v, 8);
    if (n < 0)
        printf("%s: -1 %s\n", label, errno_name(errno));
    else
        printf("%s: %zd bytes, value %llu\n", label, n, (unsigned long long)v);
}

int main(void)
{
    EXPECT_ERRNO("eventfd2 bad flags", syscall(SYS_eventfd2, 0, 2), EINVAL);
    int fd = eventfd(5, 0);
    expect("eventfd(5, 0) works", fd >= 0);
    expect("no FD_CLOEXEC by default", fcntl(fd, F_GETFD) == 0);
    printf("F_GETFL: %#x\n", fcntl(fd, F_GETFL) & ~0x8000);
    char link[64] = {0}, path[32];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    readlink(path, link, sizeof link - 1);
    printf("link: %s\n", link);
    show_read("initial value", fd);
    uint64_t v = 3;
    write(fd, &v, 8);
    write(fd, &v, 8);
    show_read("sum of two writes", fd);

    char small[4];
    uint64_t one = 1;
    write(fd, &one, 8);
    EXPECT_ERRNO("read of 4 bytes", read(fd, small, 4), EINVAL);
    EXPECT_ERRNO("write of 4 bytes", write(fd, small, 4), EINVAL);
    uint64_t max = UINT64_MAX;
    EXPECT_ERRNO("write of 2^64-1", write(fd, &max, 8), EINVAL);
    char big[16] = {0};
    memcpy(big, &one, 8);
    SHOW("write of 16 bytes", write(fd, big, 16));
    uint64_t got[2] = {0, 0};
    SHOW("read of 16 bytes", read(fd, got, 16));
    printf("value: %llu\n", (unsigned long long)got[0]);
    close(fd);

    int nb = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    expect("EFD_CLOEXEC sets FD_CLOEXEC", fcntl(nb, F_GETFD) == FD_CLOEXEC);
    printf("nonblocking F_GETFL: %#x\n", fcntl(nb, F_GETFL) & ~0x8000);
    show_read("empty, nonblocking", nb);
    uint64_t near = UINT64_MAX - 2;
    SHOW("write to max-1", write(nb, &near, 8));
    SHOW("write of 1 reaching max-1", write(nb, &one, 8));
    EXPECT_ERRNO("one more would overflow", write(nb, &one, 8), EAGAIN);
    struct pollfd pfd = {.fd = nb, .events = POLLIN | POLLOUT};
    poll(&pfd, 1, 0);
    printf("full: revents %#x\n", pfd.revents);
    show_read("read all", nb);
    pfd.revents = 0;
    poll(&pfd, 1, 0);
    printf("empty: revents %#x\n", pfd.revents);
    close(nb);

    int sem = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
    show_read("semaphore 1", sem);
    show_read("semaphore 2", sem);
    show_read("semaphore 3", sem);
    show_read("semaphore empty", sem);
    close(sem);

    /* blocking read, woken by a write from another thread */
    blocking_fd = eventfd(0, 0);
    pthread_t t;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pthread_create(&t, NULL, write_later, (void *)(uintptr_t)42);
    show_read("blocking read", blocking_fd);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    pthread_join(t, NULL);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    expect("blocking read waited", ms >= 40);

    /* blocking write that would overflow, woken by a read from another thread */
    uint64_t full = UINT64_MAX - 1;
    write(blocking_fd, &full, 8);
    pthread_create(&t, NULL, read_later, NULL);
    SHOW("blocking write", write(blocking_fd, &one, 8));
    pthread_join(t, NULL);
    show_read("after the blocking write", blocking_fd);
    close(blocking_fd);

    /* the old eventfd syscall: no flags */
    int old = syscall(SYS_eventfd, 7);
    show_read("eventfd(7)", old);
    printf("old F_GETFL: %#x\n", fcntl(old, F_GETFL) & ~0x8000);
    close(old);
    return check_status();
}
