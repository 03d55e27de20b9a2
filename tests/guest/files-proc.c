/*
 * The guest's own /proc entries: /proc/self/exe, the /proc/self/fd listing and its links,
 * /proc/self/maps (the program's path, [stack], the line format), /proc/self/cmdline, comm and
 * status, the same through /proc/PID, and reading, seeking and fstat on those files.
 */
#include "files-common.h"
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>

static char *read_all(const char *path, long *length)
{
    static char buf[65536];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        *length = -1;
        return buf;
    }
    long n = 0, r;
    while ((r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
        n += r;
    buf[n] = 0;
    close(fd);
    *length = n;
    return buf;
}

static int by_number(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* The value of "Key:\t..." in a status text, or "". */
static const char *status_field(const char *status, const char *key, char *out, size_t size)
{
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\n%s:", key);
    const char *at = strncmp(status, pattern + 1, strlen(pattern + 1)) == 0 ? status - 1 : strstr(status, pattern);
    out[0] = 0;
    if (at) {
        at += strlen(pattern);
        while (*at == '\t' || *at == ' ')
            at++;
        size_t n = strcspn(at, "\n");
        if (n >= size)
            n = size - 1;
        memcpy(out, at, n);
        out[n] = 0;
    }
    return out;
}

int main(int argc, char **argv)
{
    char exe[4096] = {0}, real[4096] = {0};
    FSHOW("readlink /proc/self/exe", readlink("/proc/self/exe", exe, sizeof exe) > 0);
    expect("it is the program itself", realpath(argv[0], real) && strcmp(exe, real) == 0);
    char link[16] = {0};
    FSHOW("readlink /proc/self/exe into 4 bytes", readlink("/proc/self/exe", link, 4));
    expect("truncated without a NUL", strncmp(link, exe, 4) == 0 && link[4] == 0);
    char pidpath[64], pidexe[4096] = {0};
    snprintf(pidpath, sizeof pidpath, "/proc/%d/exe", getpid());
    readlink(pidpath, pidexe, sizeof pidexe);
    expect("/proc/PID/exe is the same", strcmp(exe, pidexe) == 0);
    char self[32] = {0};
    readlink("/proc/self", self, sizeof self);
    expect("/proc/self names the pid", atoi(self) == getpid());
    struct stat a, b;
    stat("/proc/self/exe", &a);
    stat(exe, &b);
    expect("stat /proc/self/exe is the program", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    int exefd = open("/proc/self/exe", O_RDONLY);
    char magic[4];
    FSHOW("read the program through /proc/self/exe", read(exefd, magic, 4));
    expect("it starts with the ELF magic", memcmp(magic, "\177ELF", 4) == 0);

    char dir[64];
    int d = temp_dir(dir, "proc");
    int file = openat(d, "file", O_CREAT | O_RDWR, 0600);
    int p[2];
    pipe(p);
    int high = dup2(file, 9);
    DIR *listing = opendir("/proc/self/fd");
    int fds[64], n = 0;
    struct dirent *e;
    int dots = 0;
    while ((e = readdir(listing)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            dots++;
        else if (atoi(e->d_name) < 10)
            fds[n++] = atoi(e->d_name);
    }
    qsort(fds, n, sizeof *fds, by_number);
    printf("/proc/self/fd below 10:");
    for (int i = 0; i < n; i++)
        printf(" %d", fds[i]);
    printf("\n. and .. listed: %d\n", dots);
    rewinddir(listing);
    int again = 0;
    while (readdir(listing) != NULL)
        again++;
    expect("rewinddir lists everything again", again == n + dots + (again - n - dots));
    closedir(listing);

    char target[4096] = {0}, path[128];
    snprintf(path, sizeof path, "/proc/self/fd/%d", file);
    readlink(path, target, sizeof target);
    printf("fd link of the file: %s\n", strncmp(target, dir, strlen(dir)) == 0 ? target + strlen(dir) : target);
    memset(target, 0, sizeof target);
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
    readlink(path, target, sizeof target);
    printf("fd link of a pipe starts with pipe:[ : %s\n", strncmp(target, "pipe:[", 6) == 0 ? "yes" : "no");
    memset(target, 0, sizeof target);
    snprintf(path, sizeof path, "/dev/fd/%d", high);
    readlink(path, target, sizeof target);
    printf("/dev/fd link of the dup: %s\n", strncmp(target, dir, strlen(dir)) == 0 ? target + strlen(dir) : target);
    FEXPECT_ERRNO("readlink of a closed fd's entry", readlink("/proc/self/fd/77", target, sizeof target), ENOENT);
    snprintf(path, sizeof path, "/proc/self/fd/%d", file);
    int reopened = open(path, O_RDONLY);
    write(file, "through", 7);
    char got[8] = {0};
    FSHOW("read through a reopened /proc/self/fd entry", pread(reopened, got, 7, 0));
    printf("reopened reads: %s\n", got);

    long length;
    char *maps = read_all("/proc/self/maps", &length);
    expect("maps shows the program's path", strstr(maps, exe) != NULL);
    expect("maps shows [stack]", strstr(maps, " [stack]\n") != NULL);
    unsigned long start, end, offset, inode;
    char perms[8];
    unsigned major, minor;
    int column = 0;
    expect("the first line parses",
           sscanf(maps, "%lx-%lx %4s %lx %x:%x %lu %n", &start, &end, perms, &offset, &major, &minor, &inode, &column) == 7);
    expect("names start at column 73", column == 73);
    int local = 0, in_stack = 0, code_in_exe = 0;
    for (char *line = maps; *line; line = strchr(line, '\n') + 1) {
        unsigned long s, t;
        char pr[8], name[4096] = {0};
        sscanf(line, "%lx-%lx %4s %*x %*x:%*x %*u %4095s", &s, &t, pr, name);
        if (strcmp(name, "[stack]") == 0 && (unsigned long)&local >= s && (unsigned long)&local < t)
            in_stack = 1;
        if (strcmp(name, exe) == 0 && pr[2] == 'x' && (unsigned long)&main >= s && (unsigned long)&main < t)
            code_in_exe = 1;
        if (!strchr(line, '\n'))
            break;
    }
    expect("a local variable is in [stack]", in_stack);
    expect("main is in an executable mapping of the program", code_in_exe);

    char *cmdline = read_all("/proc/self/cmdline", &length);
    long expected = 0;
    for (int i = 0; i < argc; i++)
        expected += strlen(argv[i]) + 1;
    expect("cmdline is argv, each NUL-terminated", length == expected && strcmp(cmdline, argv[0]) == 0);
    printf("cmdline after argv[0]:");
    for (char *arg = cmdline + strlen(cmdline) + 1; arg < cmdline + length; arg += strlen(arg) + 1)
        printf(" [%s]", arg);
    printf("\n");
    char *comm = read_all("/proc/self/comm", &length);
    printf("comm: %s", comm);

    char *status = read_all("/proc/self/status", &length);
    char value[256];
    printf("status Name: %s\n", status_field(status, "Name", value, sizeof value));
    expect("status Pid is getpid()", atoi(status_field(status, "Pid", value, sizeof value)) == getpid());
    expect("status PPid is getppid()", atoi(status_field(status, "PPid", value, sizeof value)) == getppid());
    printf("status Threads: %s\n", status_field(status, "Threads", value, sizeof value));
    printf("status State: %s\n", status_field(status, "State", value, sizeof value));
    mode_t mask = umask(022);
    umask(mask);
    expect("status Umask is umask()", strtol(status_field(status, "Umask", value, sizeof value), NULL, 8) == (long)mask);
    expect("status has VmSize", status_field(status, "VmSize", value, sizeof value)[0] != 0);
    snprintf(path, sizeof path, "/proc/%d/status", getpid());
    char *bypid = read_all(path, &length);
    expect("/proc/PID/status names the same process", atoi(status_field(bypid, "Pid", value, sizeof value)) == getpid());

    int sfd = open("/proc/self/status", O_RDONLY);
    char first[6] = {0};
    FSHOW("read 5 bytes of status", read(sfd, first, 5));
    printf("they are: %s\n", first);
    FSHOW("lseek back to 0", lseek(sfd, 0, SEEK_SET));
    memset(first, 0, sizeof first);
    read(sfd, first, 5);
    printf("read again: %s\n", first);
    struct stat st;
    fstat(sfd, &st);
    printf("status is a regular file: %s, read-only: %s\n", S_ISREG(st.st_mode) ? "yes" : "no",
           (fcntl(sfd, F_GETFL) & O_ACCMODE) == O_RDONLY ? "yes" : "no");
    FEXPECT_ERRNO("write to it", write(sfd, "x", 1), EBADF);
    FEXPECT_ERRNO("open /proc/self/maps as a directory", open("/proc/self/maps", O_RDONLY | O_DIRECTORY), ENOTDIR);
    FSHOW("open /proc/self/fd as a directory", open("/proc/self/fd", O_RDONLY | O_DIRECTORY) >= 0);
    FSHOW("stat /proc/self/fd is a directory", stat("/proc/self/fd", &st) == 0 && S_ISDIR(st.st_mode));

    /* stat, statm and limits agree with status and getrlimit */
    char *stat_text = read_all("/proc/self/stat", &length);
    char stat_comm[64] = {0}, state = 0;
    int stat_pid = 0;
    sscanf(stat_text, "%d (%63[^)]) %c", &stat_pid, stat_comm, &state);
    printf("stat comm: %s\n", stat_comm);
    expect("stat pid is getpid()", stat_pid == getpid());
    const char *after = strrchr(stat_text, ')');
    long field[64] = {0};
    int nfields = 0;
    /* after ") ", the state letter (field 3), then numbers from field 4 */
    for (char *p = (char *)after + 4; *p && *p != '\n' && nfields < 56; nfields++) {
        field[nfields + 4] = strtol(p, &p, 10);
        while (*p == ' ')
            p++;
    }
    status = read_all("/proc/self/status", &length);
    expect("stat num_threads is status Threads", field[20] == atol(status_field(status, "Threads", value, sizeof value)));
    expect("stat vsize is status VmSize", field[23] / 1024 == atol(status_field(status, "VmSize", value, sizeof value)));
    expect("stat ppid is getppid()", field[4] == getppid());
    expect("stat pgrp is getpgrp()", field[5] == getpgrp());
    char *statm = read_all("/proc/self/statm", &length);
    long statm_size = atol(statm);
    status = read_all("/proc/self/status", &length);
    expect("statm size is status VmSize", statm_size * 4 == atol(status_field(status, "VmSize", value, sizeof value)));
    struct rlimit files_limit;
    getrlimit(RLIMIT_NOFILE, &files_limit);
    char *limits = read_all("/proc/self/limits", &length);
    char *row = strstr(limits, "\nMax open files");
    expect("limits shows getrlimit(RLIMIT_NOFILE)", row && atol(row + 27) == (long)files_limit.rlim_cur);
    const char *header = "Limit                     Soft Limit           Hard Limit           Units     \n";
    expect("limits header as Linux", strncmp(limits, header, strlen(header)) == 0);

    /* fdinfo: the guest's descriptors, at their numbers, with their offsets and flags */
    int info_fd = fcntl(sfd, F_DUPFD_CLOEXEC, 40);
    lseek(info_fd, 7, SEEK_SET);
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", info_fd);
    char *info = read_all(path, &length);
    printf("fdinfo pos: %s\n", status_field(info, "pos", value, sizeof value));
    printf("fdinfo flags (close-on-exec dup): %s\n", status_field(info, "flags", value, sizeof value));
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", sfd);
    info = read_all(path, &length);
    printf("fdinfo flags (plain fd): %s\n", status_field(info, "flags", value, sizeof value));
    FSHOW("stat /proc/self/fdinfo/N is a regular file", stat(path, &st) == 0 && S_ISREG(st.st_mode));
    FEXPECT_ERRNO("open fdinfo of a closed fd", open("/proc/self/fdinfo/999", O_RDONLY), ENOENT);
    FEXPECT_ERRNO("stat fdinfo of a closed fd", stat("/proc/self/fdinfo/998", &st), ENOENT);
    int listed_fd = 0, listed_info = 0, regular = 1;
    DIR *fd_dir = opendir("/proc/self/fd"), *infos = opendir("/proc/self/fdinfo");
    for (struct dirent *e; fd_dir && (e = readdir(fd_dir));)
        listed_fd += e->d_name[0] != '.';
    for (struct dirent *e; infos && (e = readdir(infos));) {
        if (e->d_name[0] != '.') {
            listed_info++;
            regular &= e->d_type == DT_REG;
        }
    }
    /* each listing holds its own directory's fd: the counts match */
    expect("fdinfo lists what fd lists", fd_dir && infos && listed_fd == listed_info && listed_info > 3);
    expect("fdinfo entries are regular files", regular);
    closedir(fd_dir);
    closedir(infos);
    close(info_fd);

    unlinkat(d, "file", 0);
    rmdir(dir);
    return check_status();
}
