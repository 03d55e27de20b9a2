#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/wait.h>

static volatile sig_atomic_t chld;
static void on_chld(int s) { (void)s; chld++; }

static void show(const char *what, int status) {
    if (WIFEXITED(status)) printf("%s: exited %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) printf("%s: killed by signal %d\n", what, WTERMSIG(status));
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int heap_value = 1234;
    char *heap = malloc(100000);
    strcpy(heap, "heap contents survive fork");
    /* fork + exit status, memory copy */
    pid_t pid = fork();
    if (pid == 0) {
        printf("child: %s, value %d, getppid is the parent: %s\n", heap, heap_value, getppid() > 1 ? "yes" : "no");
        heap_value = 99; /* private copy */
        exit(3);
    }
    int status;
    waitpid(pid, &status, 0);
    show("fork+exit", status);
    printf("parent value still %d\n", heap_value);
    /* pipe between processes */
    int p[2];
    pipe(p);
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        const char msg[] = "through the pipe";
        write(p[1], msg, sizeof msg);
        _exit(0);
    }
    close(p[1]);
    char buf[64] = {0};
    ssize_t n = read(p[0], buf, sizeof buf);
    printf("parent read %zd bytes: %s\n", n, buf);
    printf("then EOF: %zd\n", read(p[0], buf, sizeof buf));
    waitpid(pid, &status, 0);
    /* shared offset after fork */
    int fd = open("/tmp/osgix-fork-offset.txt", O_CREAT | O_TRUNC | O_RDWR, 0600);
    pid = fork();
    if (pid == 0) { write(fd, "child;", 6); _exit(0); }
    waitpid(pid, &status, 0);
    write(fd, "parent", 6);
    lseek(fd, 0, SEEK_SET);
    memset(buf, 0, sizeof buf);
    read(fd, buf, sizeof buf);
    printf("file: %s\n", buf);
    unlink("/tmp/osgix-fork-offset.txt");
    /* SIGCHLD handler, WNOHANG, killed child */
    signal(SIGCHLD, on_chld);
    pid = fork();
    if (pid == 0) { pause(); _exit(1); }
    printf("WNOHANG before: %d\n", waitpid(pid, &status, WNOHANG));
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0) {}
    show("killed child", status);
    while (!chld) pause();
    printf("SIGCHLD seen: %s\n", chld ? "yes" : "no");
    /* kill(-pgid): a child leads its own group; SIGUSR1 reaches its guest handler, SIGTERM kills it */
    int ready[2];
    pipe(ready);
    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        signal(SIGUSR1, SIG_IGN);
        write(ready[1], "x", 1);
        for (;;) pause();
    }
    read(ready[0], buf, 1);
    printf("child leads its group: %s\n", getpgid(pid) == pid ? "yes" : "no");
    printf("kill(-pgid, SIGUSR1): %d\n", kill(-pid, SIGUSR1));
    printf("still running: %s\n", waitpid(pid, &status, WNOHANG) == 0 ? "yes" : "no");
    printf("kill(-pgid, SIGTERM): %d\n", kill(-pid, SIGTERM));
    waitpid(pid, &status, 0);
    show("group member", status);
    printf("kill of a reaped pid: %s\n", kill(pid, 0) == -1 ? "ESRCH" : "exists");
    printf("no more children: %s\n", wait(&status) == -1 ? "ECHILD" : "no");
    return 0;
}
