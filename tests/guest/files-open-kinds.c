/*
 * What an open learns about the file it opened: the status flags F_GETFL reports for memory
 * devices, regular files, directories (with and without O_DIRECTORY), O_PATH and O_TMPFILE
 * descriptors under many flag combinations; what each kind answers to TCGETS, epoll_ctl and
 * reads; a FIFO opened through a symlink; and exit_group while another thread still waits in a
 * blocking FIFO open (the process must end at once, with its status). That FIFO is unlinked
 * first and reached through /proc/self/fd of an O_PATH descriptor, so nothing is left behind.
 */
#include "files-common.h"
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>

static char dir[64];
static char fifo[96];
static char fifo_by_fd[64];

static void show_flags(const char *what, const char *path, int flags)
{
    int fd = open(path, flags, 0600);
    if (fd < 0) {
        printf("%s 0%o: %s\n", what, flags, file_errno_name(errno));
        return;
    }
    printf("%s 0%o: F_GETFL 0%o\n", what, flags, fcntl(fd, F_GETFL));
    close(fd);
}

static void show_kind(const char *what, int fd)
{
    struct termios t;
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN};
    errno = 0;
    int tty = ioctl(fd, TCGETS, &t);
    printf("%s: TCGETS %s", what, tty == 0 ? "OK" : file_errno_name(errno));
    errno = 0;
    int ctl = epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
    printf(", epoll_ctl %s\n", ctl == 0 ? "OK" : file_errno_name(errno));
    close(epfd);
}

static void *wait_in_fifo_open(void *arg)
{
    (void)arg;
    open(fifo_by_fd, O_RDONLY); /* no writer ever comes */
    printf("the FIFO open returned: no\n");
    return NULL;
}

int main(void)
{
    strcpy(dir, "/tmp/osgix-kinds-XXXXXX");
    if (!mkdtemp(dir))
        return 2;
    char file[96], link[96];
    snprintf(file, sizeof file, "%s/file", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    close(open(file, O_CREAT | O_WRONLY, 0600));

    int flags[] = {O_RDONLY, O_WRONLY | O_CLOEXEC, O_RDWR | O_APPEND, O_RDONLY | O_NONBLOCK, O_RDWR | O_SYNC,
                   O_WRONLY | O_DSYNC | O_TRUNC, O_RDONLY | O_ASYNC, O_RDONLY | O_NOFOLLOW | O_NOCTTY, 3,
                   O_RDONLY | 040000000, O_PATH | O_RDWR | O_APPEND, O_PATH | O_NOFOLLOW | O_CLOEXEC};
    const char *devices[] = {"/dev/null", "/dev/zero", "/dev/urandom"};
    for (unsigned i = 0; i < sizeof flags / sizeof *flags; i++) {
        show_flags("file", file, flags[i]);
        for (unsigned j = 0; j < 3; j++)
            show_flags(devices[j], devices[j], flags[i]);
    }
    int dir_flags[] = {O_RDONLY, O_RDONLY | O_DIRECTORY, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC,
                       O_PATH | O_DIRECTORY, O_WRONLY | O_DIRECTORY, O_RDWR | O_TMPFILE};
    for (unsigned i = 0; i < sizeof dir_flags / sizeof *dir_flags; i++)
        show_flags("directory", dir, dir_flags[i]);
    FEXPECT_ERRNO("O_DIRECTORY on a device", open("/dev/null", O_RDONLY | O_DIRECTORY), ENOTDIR);

    int null_fd = open("/dev/null", O_RDWR);
    show_kind("/dev/null", null_fd);
    char buf[8];
    FSHOW("read /dev/null", read(null_fd, buf, sizeof buf));
    FSHOW("write /dev/null", write(null_fd, "abc", 3));
    int zero_fd = open("/dev/zero", O_RDONLY);
    show_kind("/dev/zero", zero_fd);
    FSHOW("read /dev/zero", read(zero_fd, buf, sizeof buf));
    int file_fd = open(file, O_RDONLY);
    show_kind("regular file", file_fd);
    int dir_fd = open(dir, O_RDONLY | O_DIRECTORY);
    show_kind("directory", dir_fd);
    FEXPECT_ERRNO("read a directory", read(dir_fd, buf, sizeof buf), EISDIR);
    int tty_fd = open("/dev/ptmx", O_RDWR | O_NOCTTY);
    if (tty_fd >= 0) {
        show_kind("pseudo-terminal master", tty_fd);
        printf("its F_GETFL: 0%o\n", fcntl(tty_fd, F_GETFL));
    }

    FSHOW("mkfifo", mkfifo(fifo, 0600));
    FSHOW("symlink to it", symlink("fifo", link));
    int reader = open(link, O_RDONLY | O_NONBLOCK);
    FSHOW("O_RDONLY|O_NONBLOCK open through the symlink", reader >= 0);
    int writer = open(link, O_WRONLY); /* a reader is there: no wait */
    FSHOW("blocking O_WRONLY open through the symlink", writer >= 0);
    printf("FIFO F_GETFL: 0%o 0%o\n", fcntl(reader, F_GETFL), fcntl(writer, F_GETFL));
    show_kind("FIFO", writer);
    FEXPECT_ERRNO("O_NOFOLLOW on the symlink", open(link, O_WRONLY | O_NOFOLLOW), ELOOP);
    close(reader);
    close(writer);

    int path_fd = open(fifo, O_PATH | O_CLOEXEC);
    FSHOW("O_PATH descriptor of the FIFO", path_fd >= 0);
    snprintf(fifo_by_fd, sizeof fifo_by_fd, "/proc/self/fd/%d", path_fd);
    unlink(fifo);
    unlink(link);
    unlink(file);
    rmdir(dir);
    pthread_t t;
    pthread_create(&t, NULL, wait_in_fifo_open, NULL);
    struct timespec pause = {0, 200 * 1000 * 1000};
    nanosleep(&pause, NULL);
    printf("exit while a thread waits in a FIFO open: yes\n");
    fflush(stdout);
    _exit(check_failures ? 1 : 7); /* exit_group: the waiting thread must not keep the process */
}
