#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
extern char **environ;

static void show(const char *what, int status) {
    if (WIFEXITED(status)) printf("%s: exited %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) printf("%s: killed by signal %d%s\n", what, WTERMSIG(status), WCOREDUMP(status) ? " (core)" : "");
    else printf("%s: status 0x%x\n", what, status);
}

static void run(const char *what, char *const argv[]) {
    pid_t pid;
    int err = posix_spawn(&pid, argv[0], NULL, NULL, argv, environ);
    if (err) { printf("%s: posix_spawn: %s\n", what, strerror(err)); return; }
    int status;
    pid_t got = waitpid(pid, &status, 0);
    printf("%s: waitpid returned the child: %s\n", what, got == pid ? "yes" : "no");
    show(what, status);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    run("true", (char *[]){"/bin/true", NULL});
    run("false", (char *[]){"/bin/false", NULL});
    run("sh exit 7", (char *[]){"/bin/sh", "-c", "exit 7", NULL});
    run("missing", (char *[]){"/nonexistent/program", NULL});
    run("echo", (char *[]){"/bin/echo", "hello from a child", NULL});
    run("killed", (char *[]){"/bin/sh", "-c", "kill -TERM $$", NULL});
    /* vfork + _exit */
    pid_t pid = vfork();
    if (pid == 0) _exit(42);
    int status;
    printf("vfork: waitpid returned the child: %s\n", waitpid(pid, &status, 0) == pid ? "yes" : "no");
    show("vfork+_exit", status);
    printf("no more children: %s\n", waitpid(-1, &status, WNOHANG) == -1 ? "ECHILD" : "no");
    return 0;
}
