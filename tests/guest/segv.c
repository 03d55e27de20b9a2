/*
 * Fatal signals: "null-write" stores to address 0 (SIGSEGV, status 139), "abort" raises
 * SIGABRT (status 134). The line printed first is flushed, so it must be seen.
 * Core dumps are disabled so a native run leaves no core file behind.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

int main(int argc, char **argv)
{
    const struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    const char *mode = argc > 1 ? argv[1] : "null-write";
    printf("about to die by %s\n", mode);
    fflush(stdout);
    if (strcmp(mode, "abort") == 0)
        abort();
    *(volatile int *)0 = 1;
    printf("still alive\n");
    return 0;
}
