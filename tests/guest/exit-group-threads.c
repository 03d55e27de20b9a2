/*
 * Process exit while threads are blocked: four threads block forever (futex wait,
 * pthread_cond_wait, nanosleep of 1000 s, read on an empty pipe), the main thread blocks
 * in pthread_join, and then one more thread ends the process. The whole process must exit
 * promptly with that status. Modes (argv[1]):
 *   exit_group  the thread calls the exit_group system call with 42
 *   exit        the thread calls libc exit(43): atexit handlers run, stdio is flushed
 *   main        instead the main thread returns 44 from main
 */
#include "check.h"
#include <pthread.h>
#include <time.h>

#define BLOCKERS 4

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int about_to_block;
static int futex_word;
static int empty_pipe[2];

static void announce(void)
{
    __atomic_add_fetch(&about_to_block, 1, __ATOMIC_SEQ_CST);
}

static void *wait_futex(void *arg)
{
    announce();
    for (;;)
        syscall(SYS_futex, &futex_word, FUTEX_WAIT, 0, NULL, NULL, 0);
    return arg;
}

static void *wait_condvar(void *arg)
{
    pthread_mutex_lock(&lock);
    announce();
    for (;;)
        pthread_cond_wait(&never, &lock);
    return arg;
}

static void *sleep_long(void *arg)
{
    announce();
    struct timespec long_time = {1000, 0};
    for (;;)
        nanosleep(&long_time, NULL);
    return arg;
}

static void *read_empty_pipe(void *arg)
{
    announce();
    char c;
    for (;;)
        read(empty_pipe[0], &c, 1);
    return arg;
}

static void wait_until_all_blocked(void)
{
    while (__atomic_load_n(&about_to_block, __ATOMIC_SEQ_CST) < BLOCKERS)
        sched_yield();
    struct timespec settle = {0, 100 * 1000000}; /* let them enter their blocking calls */
    nanosleep(&settle, NULL);
}

static void *end_process(void *arg)
{
    const char *mode = arg;
    wait_until_all_blocked();
    if (strcmp(mode, "exit") == 0) {
        printf("thread calls exit(43)\n");
        exit(43);
    }
    printf("thread calls exit_group(42)\n");
    fflush(stdout);
    syscall(SYS_exit_group, 42);
    printf("exit_group returned\n");
    return NULL;
}

static void at_exit_handler(void)
{
    printf("atexit handler ran\n");
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "exit_group";
    atexit(at_exit_handler);
    if (pipe(empty_pipe) != 0)
        return 2;
    void *(*blockers[BLOCKERS])(void *) = {wait_futex, wait_condvar, sleep_long, read_empty_pipe};
    pthread_t t[BLOCKERS];
    for (int i = 0; i < BLOCKERS; i++)
        pthread_create(&t[i], NULL, blockers[i], NULL);
    printf("mode: %s\n", mode);
    if (strcmp(mode, "main") == 0) {
        wait_until_all_blocked();
        printf("main returns 44\n");
        return 44;
    }
    pthread_t ender;
    pthread_create(&ender, NULL, end_process, (void *)mode);
    pthread_join(t[0], NULL); /* never returns */
    printf("join returned\n");
    return 1;
}
