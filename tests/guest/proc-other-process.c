/*
 * /proc/PID of another guest process (a forked child that is running).
 *   (no argument)  what both Linux and osgix show: its comm and status Name are the program's,
 *                  its stat names this process as parent, its cwd is the working directory.
 *   refused        osgix only: the entries whose host content would be the child's runtime
 *                  (a JVM) are refused with EACCES, as Linux refuses a reader without ptrace
 *                  access, and so are this process's own /proc/self/mem and smaps.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

static int slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -errno;
    ssize_t n = read(fd, buf, size - 1);
    int e = errno;
    close(fd);
    if (n < 0)
        return -e;
    buf[n] = 0;
    return (int)n;
}

static const char *open_errno(int pid, const char *entry)
{
    char path[64];
    if (pid)
        snprintf(path, sizeof path, "/proc/%d/%s", pid, entry);
    else
        snprintf(path, sizeof path, "/proc/self/%s", entry);
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
        close(fd);
        return "opened";
    }
    return errno_name(errno);
}

int main(int argc, char **argv)
{
    int ready[2], hold[2];
    if (pipe(ready) || pipe(hold))
        return 2;
    pid_t child = fork();
    if (child == 0) {
        close(ready[0]);
        close(hold[1]);
        write(ready[1], "r", 1); /* running: its runtime has its program */
        char b;
        read(hold[0], &b, 1);
        _exit(0);
    }
    close(ready[1]);
    close(hold[0]);
    char b;
    expect("child is running", read(ready[0], &b, 1) == 1);

    char path[64], mine[256], theirs[256];
    if (argc > 1 && strcmp(argv[1], "refused") == 0) {
        const char *entries[] = {"maps", "mem", "environ", "auxv", "cmdline", "fd", "fdinfo", "task", "smaps",
                                 "pagemap", "map_files"};
        for (size_t i = 0; i < sizeof entries / sizeof *entries; i++) {
            printf("child's %s: %s\n", entries[i], open_errno(child, entries[i]));
            if (strcmp(open_errno(child, entries[i]), "EACCES") != 0)
                check_failures++;
        }
        snprintf(path, sizeof path, "/proc/%d/exe", child);
        EXPECT_ERRNO("readlink of the child's exe", readlink(path, theirs, sizeof theirs), EACCES);
        printf("own mem: %s\n", open_errno(0, "mem"));
        printf("own smaps: %s\n", open_errno(0, "smaps"));
        expect("own mem and smaps refused",
               strcmp(open_errno(0, "mem"), "EACCES") == 0 && strcmp(open_errno(0, "smaps"), "EACCES") == 0);
    } else {
        slurp("/proc/self/comm", mine, sizeof mine);
        snprintf(path, sizeof path, "/proc/%d/comm", child);
        expect("child's comm is the program's", slurp(path, theirs, sizeof theirs) > 0 && strcmp(mine, theirs) == 0);
        snprintf(path, sizeof path, "/proc/%d/status", child);
        expect("child's status names the program",
               slurp(path, theirs, sizeof theirs) > 0 && strncmp(theirs, "Name:\t", 6) == 0
                   && strncmp(theirs + 6, mine, strlen(mine)) == 0);
        snprintf(path, sizeof path, "/proc/%d/stat", child);
        int pid = 0, ppid = 0;
        char state;
        expect("child's stat has this process as parent",
               slurp(path, theirs, sizeof theirs) > 0
                   && sscanf(strrchr(theirs, ')') + 2, "%c %d", &state, &ppid) == 2 && ppid == getpid()
                   && sscanf(theirs, "%d", &pid) == 1 && pid == child);
        char cwd[256] = {0}, link[256] = {0};
        snprintf(path, sizeof path, "/proc/%d/cwd", child);
        expect("child's cwd is the working directory",
               getcwd(cwd, sizeof cwd) && readlink(path, link, sizeof link - 1) > 0 && strcmp(cwd, link) == 0);
    }
    close(hold[1]);
    int status;
    expect("child reaped", waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return check_status();
}
