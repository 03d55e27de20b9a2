/*
 * Exit status: returns argv[1] from main (only the low 8 bits reach the parent).
 * With argv[2] = "_exit", prints a line without flushing and calls _exit, so the
 * buffered line must be lost (stdout is a pipe, hence fully buffered).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int code = argc > 1 ? atoi(argv[1]) : 0;
    if (argc > 2 && strcmp(argv[2], "_exit") == 0) {
        printf("this buffered line is never flushed\n");
        _exit(code);
    }
    printf("exiting with %d\n", code);
    return code;
}
