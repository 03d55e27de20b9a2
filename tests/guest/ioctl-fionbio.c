/*
 * FIONBIO sets O_NONBLOCK on the open file description: a read of an empty pipe then fails with
 * EAGAIN, every dup sees it (and can clear it), and F_GETFL shows it. The host fd follows: a
 * full pipe's write end answers EAGAIN, and after clearing, a read really blocks again.
 */
#include "check.h"
#include <fcntl.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <time.h>

static int write_end;

static void *late_writer(void *arg)
{
    struct timespec pause = {0, 100 * 1000 * 1000};
    nanosleep(&pause, NULL);
    if (write(write_end, "z", 1) != 1)
        return (void *)1;
    return arg;
}

static void show_nonblock(const char *label, int fd)
{
    int flags = fcntl(fd, F_GETFL);
    printf("%s: %s\n", label, flags & O_NONBLOCK ? "O_NONBLOCK" : "blocking");
}

int main(void)
{
    int fds[2];
    char c;
    int on = 1, off = 0, two = 2;
    if (pipe(fds) != 0)
        return 2;
    write_end = fds[1];
    show_nonblock("read end at start", fds[0]);

    SHOW("FIONBIO on", ioctl(fds[0], FIONBIO, &on));
    show_nonblock("read end after FIONBIO on", fds[0]);
    EXPECT_ERRNO("read of the empty pipe", read(fds[0], &c, 1), EAGAIN);

    int copy = dup(fds[0]);
    show_nonblock("dup", copy);
    EXPECT_ERRNO("read through the dup", read(copy, &c, 1), EAGAIN);

    SHOW("FIONBIO off through the dup", ioctl(copy, FIONBIO, &off));
    show_nonblock("read end after clearing through the dup", fds[0]);
    expect("the write end was never touched", !(fcntl(fds[1], F_GETFL) & O_NONBLOCK));

    /* blocking again: the read waits for a byte written 100 ms later */
    pthread_t writer;
    if (pthread_create(&writer, NULL, late_writer, NULL) != 0)
        return 2;
    SHOW("blocking read waits for the late byte", read(fds[0], &c, 1));
    pthread_join(writer, NULL);

    /* any non-zero int means on */
    SHOW("FIONBIO 2", ioctl(fds[0], FIONBIO, &two));
    show_nonblock("after FIONBIO 2", fds[0]);
    EXPECT_ERRNO("FIONBIO with a bad pointer", ioctl(fds[0], FIONBIO, (void *)16), EFAULT);
    show_nonblock("unchanged after the bad pointer", fds[0]);

    /* the write end: fill the pipe until the host says EAGAIN */
    SHOW("FIONBIO on the write end", ioctl(fds[1], FIONBIO, &on));
    static char block[4096];
    long written = 0, r;
    while ((r = write(fds[1], block, sizeof block)) > 0)
        written += r;
    printf("filling the pipe ends with: %s\n", errno_name(errno));
    expect("the pipe took some bytes", written > 0);

    /* O_NONBLOCK through fcntl and FIONBIO are the same flag */
    int file = open("/proc/self/exe", O_RDONLY);
    SHOW("FIONBIO on a file", ioctl(file, FIONBIO, &on));
    show_nonblock("file", file);
    SHOW("F_SETFL 0", fcntl(file, F_SETFL, 0));
    show_nonblock("file after F_SETFL 0", file);
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    SHOW("FIONBIO on a directory", ioctl(dir, FIONBIO, &on));
    show_nonblock("directory", dir);
    return check_status();
}
