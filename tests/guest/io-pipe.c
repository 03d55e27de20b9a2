/*
 * Pipe and FIFO semantics: pipe2 flags and errors, status flags of each end, EAGAIN and partial
 * writes with O_NONBLOCK, end of file once the writers are gone, EPIPE with SIGPIPE ignored,
 * a blocking read woken by another thread's write, a blocking write larger than the pipe that
 * completes while another thread reads, and a FIFO whose blocking open waits for the other end.
 */
#include "files-common.h"
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>

static int pipe_fds[2];
static long total_read;

static void *late_writer(void *arg)
{
    (void)arg;
    struct timespec pause = {0, 100 * 1000 * 1000};
    nanosleep(&pause, NULL);
    write(pipe_fds[1], "late", 4);
    return NULL;
}

static void *drain(void *arg)
{
    long want = (long)arg;
    static char buf[8192];
    while (total_read < want) {
        long n = read(pipe_fds[0], buf, sizeof buf);
        if (n <= 0)
            break;
        total_read += n;
    }
    return NULL;
}

static char fifo[96];

static void *fifo_writer(void *arg)
{
    (void)arg;
    struct timespec pause = {0, 100 * 1000 * 1000};
    nanosleep(&pause, NULL);
    int w = open(fifo, O_WRONLY);
    write(w, "via fifo", 8);
    close(w);
    return NULL;
}

int main(void)
{
    int p[2];
    FSHOW("pipe2(O_CLOEXEC|O_NONBLOCK)", pipe2(p, O_CLOEXEC | O_NONBLOCK));
    printf("F_GETFL read end: 0%o, write end: 0%o\n", fcntl(p[0], F_GETFL), fcntl(p[1], F_GETFL));
    printf("F_GETFD: %d %d\n", fcntl(p[0], F_GETFD), fcntl(p[1], F_GETFD));
    FEXPECT_ERRNO("pipe2 with O_APPEND", pipe2(p + 0, O_APPEND), EINVAL);
    FEXPECT_ERRNO("pipe2 into a bad pointer", syscall(SYS_pipe2, (void *)8, 0), EFAULT);
    FEXPECT_ERRNO("pipe into a bad pointer", syscall(SYS_pipe, (void *)8), EFAULT);

    char buf[128];
    FEXPECT_ERRNO("read an empty O_NONBLOCK pipe", read(p[0], buf, sizeof buf), EAGAIN);
    FEXPECT_ERRNO("read from the write end", read(p[1], buf, 1), EBADF);
    FEXPECT_ERRNO("write to the read end", write(p[0], "x", 1), EBADF);
    FEXPECT_ERRNO("lseek on a pipe", lseek(p[0], 0, SEEK_SET), ESPIPE);
    FEXPECT_ERRNO("pread on a pipe", pread(p[0], buf, 1, 0), ESPIPE);
    FSHOW("write 5", write(p[1], "hello", 5));
    int queued = 0;
    FSHOW("FIONREAD", ioctl(p[0], FIONREAD, &queued));
    printf("queued: %d\n", queued);
    FSHOW("read", read(p[0], buf, sizeof buf));
    FSHOW("F_GETPIPE_SZ", fcntl(p[1], F_GETPIPE_SZ));

    static char big[200000];
    memset(big, 'x', sizeof big);
    long first = write(p[1], big, sizeof big);
    printf("O_NONBLOCK write of 200000 into an empty pipe: %ld (the capacity)\n", first);
    FEXPECT_ERRNO("write into the full pipe", write(p[1], big, 1), EAGAIN);
    long drained = 0, n;
    while ((n = read(p[0], big, sizeof big)) > 0)
        drained += n;
    printf("drained: %ld\n", drained);
    close(p[1]);
    FSHOW("read once no writer is left", read(p[0], buf, sizeof buf));
    close(p[0]);

    signal(SIGPIPE, SIG_IGN);
    pipe(p);
    close(p[0]);
    FEXPECT_ERRNO("write with no reader left (SIGPIPE ignored)", write(p[1], "x", 1), EPIPE);
    close(p[1]);

    pipe(pipe_fds);
    pthread_t t;
    pthread_create(&t, NULL, late_writer, NULL);
    memset(buf, 0, sizeof buf);
    FSHOW("blocking read woken by another thread", read(pipe_fds[0], buf, sizeof buf));
    printf("got: %s\n", buf);
    pthread_join(t, NULL);

    long want = 1000000;
    static char large[1000000];
    memset(large, 'y', sizeof large);
    pthread_create(&t, NULL, drain, (void *)want);
    FSHOW("blocking write of 1000000 bytes", write(pipe_fds[1], large, want));
    pthread_join(t, NULL);
    printf("the reader got: %ld\n", total_read);
    close(pipe_fds[0]);
    close(pipe_fds[1]);

    snprintf(fifo, sizeof fifo, "/tmp/osgix-fifo-%d", getpid());
    FSHOW("mkfifo", mkfifo(fifo, 0600));
    FEXPECT_ERRNO("O_WRONLY|O_NONBLOCK open without a reader", open(fifo, O_WRONLY | O_NONBLOCK), ENXIO);
    int nb = open(fifo, O_RDONLY | O_NONBLOCK);
    FSHOW("O_RDONLY|O_NONBLOCK open does not wait", nb >= 0);
    FSHOW("read with no writer ever", read(nb, buf, sizeof buf));
    close(nb);
    pthread_create(&t, NULL, fifo_writer, NULL);
    int r = open(fifo, O_RDONLY);
    FSHOW("blocking O_RDONLY open returned once a writer came", r >= 0);
    memset(buf, 0, sizeof buf);
    long got = 0;
    while ((n = read(r, buf + got, sizeof buf - 1 - got)) > 0)
        got += n;
    printf("read from the fifo: %s\n", buf);
    pthread_join(t, NULL);
    close(r);
    struct stat st;
    stat(fifo, &st);
    printf("it is a FIFO: %s\n", S_ISFIFO(st.st_mode) ? "yes" : "no");
    unlink(fifo);
    return check_status();
}
