/*
 * execve and execveat: the new program's argv, envp, AT_EXECFN and /proc/self entries; #!
 * scripts made at run time; errors that leave the old program running; close-on-exec; signal
 * state across exec; exec from a thread of a multi-threaded process.
 *
 * The test re-executes itself: "exec MODE" runs a test, "exec show..." is the new program. Paths
 * under the run's temporary directory print as $T, this program's own path as $SELF.
 */
#include "check.h"
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>

static char self[PATH_MAX];
static char tmp[PATH_MAX];
static char tmp_var[PATH_MAX + 16];
static char *test_env[] = {"EXECTEST_A=1", "EXECTEST_B=with space", NULL, NULL};

static void find_self(void)
{
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n < 0 ? 0 : n] = 0;
}

/* Prints a string with $T and $SELF in place of the run's own paths. */
static void scrubbed(const char *label, const char *s)
{
    const char *t = getenv("EXECTEST_T");
    printf("%s: [", label);
    while (s && *s) {
        size_t ls = strlen(self), lt = t ? strlen(t) : 0;
        if (ls && strncmp(s, self, ls) == 0) {
            printf("$SELF");
            s += ls;
        } else if (lt && strncmp(s, t, lt) == 0) {
            printf("$T");
            s += lt;
        } else {
            putchar(*s++);
        }
    }
    printf("]\n");
}

static void print_file(const char *label, const char *path)
{
    char buf[4096];
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (fd >= 0)
        close(fd);
    if (n < 0) {
        printf("%s: unreadable\n", label);
        return;
    }
    for (ssize_t i = 0; i < n; i++)
        if (buf[i] == 0 || buf[i] == '\n')
            buf[i] = ' ';
    buf[n] = 0;
    scrubbed(label, buf);
}

/* ------------------------------------------------------------------ the new programs */

static void cleanup_tmp(void);

static int show(int argc, char **argv, char **envp)
{
    if (getenv("EXECTEST_T")) {
        strcpy(tmp, getenv("EXECTEST_T"));
        cleanup_tmp();
    }
    printf("argc: %d\n", argc);
    for (int i = 0; i < argc; i++) {
        char label[32];
        snprintf(label, sizeof label, "argv[%d]", i);
        scrubbed(label, argv[i]);
    }
    for (char **e = envp; *e; e++)
        if (strncmp(*e, "EXECTEST_", 9) == 0 && strncmp(*e, "EXECTEST_T=", 11) != 0)
            printf("env: [%s]\n", *e);
    scrubbed("AT_EXECFN", (const char *)getauxval(AT_EXECFN));
    print_file("cmdline", "/proc/self/cmdline");
    print_file("comm", "/proc/self/comm");
    char env[8192];
    int fd = open("/proc/self/environ", O_RDONLY);
    ssize_t len = fd < 0 ? -1 : read(fd, env, sizeof env - 1);
    if (fd >= 0)
        close(fd);
    if (len >= 0)
        env[len] = 0;
    for (ssize_t i = 0; i < len; i += strlen(env + i) + 1) {
        if (strncmp(env + i, "EXECTEST_", 9) == 0 && strncmp(env + i, "EXECTEST_T=", 11) != 0)
            printf("environ: [%s]\n", env + i);
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n < 0 ? 0 : n] = 0;
    scrubbed("exe", exe);
    return check_status();
}

static int show_fds(void)
{
    for (int fd = 0; fd <= 2; fd++)
        expect(fd == 0 ? "stdin open" : fd == 1 ? "stdout open" : "stderr open", fcntl(fd, F_GETFD) >= 0);
    for (int fd = 20; fd <= 27; fd++) {
        int flags = fcntl(fd, F_GETFD);
        if (flags < 0)
            printf("fd %d: closed (%s)\n", fd, errno_name(errno));
        else
            printf("fd %d: open, FD_CLOEXEC %d\n", fd, flags & FD_CLOEXEC);
    }
    /* a kept pipe still works: 26 is the write end of the pipe whose read end is 27 */
    expect("kept pipe carries data", write(26, "p", 1) == 1);
    char c = 0;
    expect("read back", read(27, &c, 1) == 1 && c == 'p');
    return check_status();
}

static const char *disposition(int sig)
{
    struct sigaction sa;
    sigaction(sig, NULL, &sa);
    return sa.sa_handler == SIG_DFL ? "SIG_DFL" : sa.sa_handler == SIG_IGN ? "SIG_IGN" : "handler";
}

static int show_signals(char **argv)
{
    printf("SIGUSR1: %s\n", disposition(SIGUSR1));
    printf("SIGUSR2: %s\n", disposition(SIGUSR2));
    printf("SIGWINCH: %s\n", disposition(SIGWINCH));
    printf("SIGCHLD: %s\n", disposition(SIGCHLD));
    struct sigaction sa;
    sigaction(SIGUSR1, NULL, &sa);
    printf("SIGUSR1 flags after reset: %s\n", sa.sa_flags & SA_RESTART ? "SA_RESTART" : "none");
    sigset_t mask, pending;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    sigpending(&pending);
    expect("SIGTERM still blocked", sigismember(&mask, SIGTERM));
    expect("SIGHUP still blocked", sigismember(&mask, SIGHUP));
    expect("SIGUSR1 not blocked", !sigismember(&mask, SIGUSR1));
    expect("SIGHUP still pending", sigismember(&pending, SIGHUP));
    expect("SIGTERM still pending", sigismember(&pending, SIGTERM));
    stack_t ss;
    sigaltstack(NULL, &ss);
    expect("alternate stack cleared", (ss.ss_flags & SS_DISABLE) && ss.ss_size == 0);
    struct itimerval it;
    getitimer(ITIMER_REAL, &it);
    expect("ITIMER_REAL kept", it.it_value.tv_sec > 900);
    struct itimerspec its;
    long timer = strtol(argv[2], NULL, 10);
    EXPECT_ERRNO("timer_gettime of the old program's timer", syscall(SYS_timer_gettime, timer, &its), EINVAL);
    /* the pending SIGHUP is delivered, with the default action, once unblocked */
    fflush(stdout);
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    signal(SIGTERM, SIG_IGN);
    if (check_failures)
        return 1;
    sigprocmask(SIG_UNBLOCK, &hup, NULL);
    printf("SIGHUP did not kill\n");
    return 1;
}

static int show_threads(char **argv)
{
    expect("pid kept", getpid() == atoi(argv[2]));
    expect("tid is the pid", syscall(SYS_gettid) == getpid());
    expect("old tid was another thread's", atoi(argv[3]) != getpid());
    char buf[4096];
    int fd = open("/proc/self/status", O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n < 0 ? 0 : n] = 0;
    char *threads = strstr(buf, "Threads:");
    expect("one thread", threads && atoi(threads + 8) == 1);
    return check_status();
}

/* ------------------------------------------------------------------ helpers of the tests */

static void make_tmp(void)
{
    strcpy(tmp, "/tmp/osgix-exec-XXXXXX");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        exit(2);
    }
    setenv("EXECTEST_T", tmp, 1);
    snprintf(tmp_var, sizeof tmp_var, "EXECTEST_T=%s", tmp);
    test_env[2] = tmp_var;
}

static void cleanup_tmp(void)
{
    char cmd[PATH_MAX + 16];
    /* no shell: remove the few files by name */
    const char *names[] = {"missing", "noexec", "text", "arm", "empty", "badinterp", "dirinterp", "loop",
                           "link", "s1", "s2", "s3", "s4", "s5", "s6", "s7", NULL};
    for (int i = 0; names[i]; i++) {
        snprintf(cmd, sizeof cmd, "%s/%s", tmp, names[i]);
        unlink(cmd);
    }
    rmdir(tmp);
}

static const char *in_tmp(const char *name)
{
    static char path[8][PATH_MAX + 16];
    static int next;
    char *p = path[next++ % 8];
    snprintf(p, PATH_MAX + 16, "%s/%s", tmp, name);
    return p;
}

static void write_file(const char *name, const void *data, size_t len, mode_t mode)
{
    int fd = open(in_tmp(name), O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
        perror(name);
        exit(2);
    }
    close(fd);
    chmod(in_tmp(name), mode);
}

static void write_text(const char *name, const char *text)
{
    write_file(name, text, strlen(text), 0755);
}

static int exec_failed(const char *what)
{
    printf("%s: returned %s\n", what, errno_name(errno));
    return 1;
}

/* ------------------------------------------------------------------ the tests */

static int basic(void)
{
    char *av[] = {"first", "show", "two words", "", "x", NULL};
    printf("before exec\n");
    fflush(stdout);
    execve("/proc/self/exe", av, test_env);
    return exec_failed("execve");
}

static int null_vectors(void)
{
    /* Linux takes a NULL envp as empty; a NULL argv gives argc 1 with argv[0] "" */
    syscall(SYS_execve, self, NULL, NULL);
    return exec_failed("execve");
}

static int errors(void)
{
    static volatile int survivor = 42;
    char *av[] = {"x", "show", NULL};
    make_tmp();
    write_text("noexec", "#!/bin/sh\n");
    chmod(in_tmp("noexec"), 0644);
    write_text("text", "hello, not a program\n");
    write_text("empty", "");
    write_text("badinterp", "#!/nonexistent/interpreter\n");
    write_text("dirinterp", "#!/tmp\n");
    Elf64_Ehdr arm = {0};
    memcpy(arm.e_ident, ELFMAG, SELFMAG);
    arm.e_ident[EI_CLASS] = ELFCLASS64;
    arm.e_ident[EI_DATA] = ELFDATA2LSB;
    arm.e_ident[EI_VERSION] = EV_CURRENT;
    arm.e_type = ET_EXEC;
    arm.e_machine = EM_AARCH64;
    arm.e_version = EV_CURRENT;
    arm.e_ehsize = sizeof arm;
    arm.e_phentsize = sizeof(Elf64_Phdr);
    write_file("arm", &arm, sizeof arm, 0755);
    symlink(in_tmp("loop"), in_tmp("loop"));
    symlink(self, in_tmp("link"));

    EXPECT_ERRNO("missing file", execve(in_tmp("missing"), av, test_env), ENOENT);
    EXPECT_ERRNO("no execute permission", execve(in_tmp("noexec"), av, test_env), EACCES);
    EXPECT_ERRNO("a directory", execve(tmp, av, test_env), EACCES);
    EXPECT_ERRNO("text without #!", execve(in_tmp("text"), av, test_env), ENOEXEC);
    EXPECT_ERRNO("empty file", execve(in_tmp("empty"), av, test_env), ENOEXEC);
    EXPECT_ERRNO("aarch64 ELF", execve(in_tmp("arm"), av, test_env), ENOEXEC);
    EXPECT_ERRNO("#! interpreter missing", execve(in_tmp("badinterp"), av, test_env), ENOENT);
    EXPECT_ERRNO("#! interpreter a directory", execve(in_tmp("dirinterp"), av, test_env), EACCES);
    EXPECT_ERRNO("path through a file", execve(in_tmp("text/x"), av, test_env), ENOTDIR);
    EXPECT_ERRNO("symlink loop", execve(in_tmp("loop"), av, test_env), ELOOP);
    char *longpath = malloc(PATH_MAX + 10);
    memset(longpath, 'a', PATH_MAX + 9);
    longpath[0] = '/';
    longpath[PATH_MAX + 9] = 0;
    EXPECT_ERRNO("path too long", execve(longpath, av, test_env), ENAMETOOLONG);
    EXPECT_ERRNO("bad path pointer", syscall(SYS_execve, (char *)8, av, test_env), EFAULT);
    EXPECT_ERRNO("bad argv pointer", syscall(SYS_execve, self, (char **)8, test_env), EFAULT);
    char *bad_arg[] = {"x", (char *)8, NULL};
    EXPECT_ERRNO("bad argv[1]", execve(self, bad_arg, test_env), EFAULT);
    EXPECT_ERRNO("bad envp pointer", syscall(SYS_execve, self, av, (char **)8), EFAULT);
    char *huge = malloc(200000);
    memset(huge, 'h', 199999);
    huge[199999] = 0;
    char *one_huge[] = {"x", huge, NULL};
    EXPECT_ERRNO("one argument past MAX_ARG_STRLEN", execve(self, one_huge, test_env), E2BIG);
    char **many = calloc(102, sizeof *many);
    huge[100000] = 0;
    many[0] = "x";
    for (int i = 1; i <= 100; i++)
        many[i] = huge;
    EXPECT_ERRNO("10 MB of arguments", execve(self, many, test_env), E2BIG);
    EXPECT_ERRNO("execveat unknown flag", syscall(SYS_execveat, AT_FDCWD, self, av, test_env, 0x4), EINVAL);
    EXPECT_ERRNO("execveat bad dirfd", syscall(SYS_execveat, 999, "x", av, test_env, 0), EBADF);
    EXPECT_ERRNO("execveat AT_SYMLINK_NOFOLLOW on a link",
                 syscall(SYS_execveat, AT_FDCWD, in_tmp("link"), av, test_env, AT_SYMLINK_NOFOLLOW), ELOOP);
    int dir = open(tmp, O_RDONLY | O_DIRECTORY);
    EXPECT_ERRNO("execveat AT_EMPTY_PATH on a directory",
                 syscall(SYS_execveat, dir, "", av, test_env, AT_EMPTY_PATH), EACCES);
    EXPECT_ERRNO("execveat empty path without AT_EMPTY_PATH",
                 syscall(SYS_execveat, dir, "", av, test_env, 0), ENOENT);
    close(dir);
    /* #! nesting: s1 runs this program, each further script names the one before */
    char line[PATH_MAX + 16];
    snprintf(line, sizeof line, "#!%s show\n", self);
    write_text("s1", line);
    for (int i = 2; i <= 6; i++) {
        char name[8], prev[8];
        snprintf(name, sizeof name, "s%d", i);
        snprintf(prev, sizeof prev, "s%d", i - 1);
        snprintf(line, sizeof line, "#!%s\n", in_tmp(prev));
        write_text(name, line);
    }
    EXPECT_ERRNO("#! nested 6 deep", execve(in_tmp("s6"), av, test_env), ELOOP);
    expect("old program intact", survivor == 42);
    cleanup_tmp();
    return check_status();
}

static int script(int nested)
{
    char line[PATH_MAX + 64];
    make_tmp();
    /* one optional argument: everything after the interpreter, inner blanks kept, trailing cut */
    snprintf(line, sizeof line, "#! \t%s show  one argument \t \n", self);
    write_text("s1", line);
    for (int i = 2; i <= 5; i++) {
        char name[8], prev[8];
        snprintf(name, sizeof name, "s%d", i);
        snprintf(prev, sizeof prev, "s%d", i - 1);
        snprintf(line, sizeof line, "#!%s\n", in_tmp(prev));
        write_text(name, line);
    }
    char *av[] = {"ignored argv0", "a", "b c", NULL};
    fflush(stdout);
    execve(in_tmp(nested ? "s5" : "s1"), av, test_env);
    return exec_failed("execve");
}

static int cloexec(void)
{
    int null = open("/dev/null", O_RDONLY);
    int p[2];
    fcntl(null, F_DUPFD_CLOEXEC, 20);             /* 20: close-on-exec */
    dup2(null, 21);                               /* 21: kept */
    dup3(null, 22, O_CLOEXEC);                    /* 22: close-on-exec */
    fcntl(null, F_DUPFD, 23);                     /* 23: then marked */
    fcntl(23, F_SETFD, FD_CLOEXEC);
    int c = open("/dev/null", O_RDONLY | O_CLOEXEC);
    dup3(c, 24, O_CLOEXEC);                       /* 24: then cleared */
    fcntl(24, F_SETFD, 0);
    if (pipe2(p, O_CLOEXEC) != 0)
        return 2;
    dup3(p[0], 25, O_CLOEXEC);                    /* 25: a pipe end, close-on-exec */
    dup2(p[1], 26);                               /* 26, 27: the other pipe, kept */
    int q[2];
    if (pipe(q) != 0)
        return 2;
    dup2(q[1], 26);
    dup2(q[0], 27);
    close(null);
    close(c);
    char *av[] = {"x", "show-fds", NULL};
    execve(self, av, test_env);
    return exec_failed("execve");
}

static void on_signal(int sig)
{
    (void)sig;
}

static int signals(void)
{
    /* the dispositions this mode relies on, whatever the caller left ignored (nohup, a background job) */
    signal(SIGHUP, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART | SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGWINCH, &sa, NULL);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGCHLD, SIG_IGN);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGHUP);
    kill(getpid(), SIGTERM);
    static char altstack[65536];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct itimerval it = {.it_value = {.tv_sec = 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
    struct sigevent sev = {0};
    sev.sigev_notify = SIGEV_NONE;
    int timer = -1;
    if (syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &timer) != 0)
        return 2;
    char id[16];
    snprintf(id, sizeof id, "%d", timer);
    char *av[] = {"x", "show-signals", id, NULL};
    execve(self, av, test_env);
    return exec_failed("execve");
}

static int pipe_fds[2];

static void *idle_thread(void *arg)
{
    long kind = (long)arg;
    char c;
    if (kind == 0)
        for (;;)
            pause();
    if (kind == 1)
        (void)!read(pipe_fds[0], &c, 1);
    for (;;)
        sched_yield();
    return NULL;
}

static void *exec_thread(void *arg)
{
    (void)arg;
    char pid[16], tid[16];
    snprintf(pid, sizeof pid, "%d", getpid());
    snprintf(tid, sizeof tid, "%ld", syscall(SYS_gettid));
    char *av[] = {"x", "show-threads", pid, tid, NULL};
    execve(self, av, test_env);
    exec_failed("execve");
    exit(1);
}

static int threads(void)
{
    pthread_t t;
    if (pipe(pipe_fds) != 0)
        return 2;
    for (long kind = 0; kind < 3; kind++)
        pthread_create(&t, NULL, idle_thread, (void *)kind);
    usleep(50000);
    pthread_create(&t, NULL, exec_thread, NULL);
    for (;;)
        pause();
}

static int at_empty_path(void)
{
    int fd = open(self, O_PATH);
    char *av[] = {"x", "show", NULL};
    syscall(SYS_execveat, fd, "", av, test_env, AT_EMPTY_PATH);
    return exec_failed("execveat");
}

static int at_dirfd(void)
{
    make_tmp();
    symlink(self, in_tmp("link"));
    int dir = open(tmp, O_RDONLY | O_DIRECTORY);
    char *av[] = {"x", "show", NULL};
    fflush(stdout);
    syscall(SYS_execveat, dir, "link", av, test_env, 0);
    return exec_failed("execveat");
}

int main(int argc, char **argv, char **envp)
{
    find_self();
    const char *mode = argc > 1 ? argv[1] : "";
    if (strncmp(mode, "show", 4) == 0 && mode[4] != '-')
        return show(argc, argv, envp);
    if (argc == 1 && argv[0][0] == 0)
        return show(argc, argv, envp);
    if (strcmp(mode, "show-fds") == 0)
        return show_fds();
    if (strcmp(mode, "show-signals") == 0)
        return show_signals(argv);
    if (strcmp(mode, "show-threads") == 0)
        return show_threads(argv);
    if (strcmp(mode, "basic") == 0)
        return basic();
    if (strcmp(mode, "null-vectors") == 0)
        return null_vectors();
    if (strcmp(mode, "errors") == 0)
        return errors();
    if (strcmp(mode, "script") == 0)
        return script(0);
    if (strcmp(mode, "script-nested") == 0)
        return script(1);
    if (strcmp(mode, "cloexec") == 0)
        return cloexec();
    if (strcmp(mode, "signals") == 0)
        return signals();
    if (strcmp(mode, "threads") == 0)
        return threads();
    if (strcmp(mode, "execveat-empty-path") == 0)
        return at_empty_path();
    if (strcmp(mode, "execveat-dirfd") == 0)
        return at_dirfd();
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
}
