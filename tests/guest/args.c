/*
 * Checks argument and environment passing on the initial stack: argc, each argv string
 * (including empty ones), the NULL after argv, envp in order right after argv, environ.
 */
#include "check.h"

extern char **environ;

int main(int argc, char **argv, char **envp)
{
    printf("argc: %d\n", argc);
    const char *slash = strrchr(argv[0], '/');
    printf("argv[0] basename: %s\n", slash ? slash + 1 : argv[0]);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]: [%s]\n", i, argv[i]);
    expect("argv[argc] is NULL", argv[argc] == NULL);
    expect("envp follows argv", envp == argv + argc + 1);
    expect("environ is envp", environ == envp);
    int count = 0;
    for (char **e = envp; *e; e++, count++)
        printf("env: %s\n", *e);
    printf("env count: %d\n", count);
    const char *a = getenv("A");
    printf("getenv A: %s\n", a ? a : "(unset)");
    return check_status();
}
