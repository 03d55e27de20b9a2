/* getpid equals gettid in the main thread only; other threads share the pid, have distinct tids. */
#include "check.h"
#include <pthread.h>

#define THREADS 3

static long tid_of[THREADS];
static long pid_of[THREADS];

static void *record(void *arg)
{
    long i = (long)arg;
    tid_of[i] = current_tid();
    pid_of[i] = getpid();
    return NULL;
}

int main(void)
{
    long pid = getpid(), tid = current_tid();
    expect("main: gettid == getpid", pid == tid);
    expect("getppid non-zero", getppid() > 0);
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, record, (void *)i);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    int distinct = 1, differ_from_pid = 1, same_pid = 1;
    for (int i = 0; i < THREADS; i++) {
        if (tid_of[i] == pid || tid_of[i] <= 0)
            differ_from_pid = 0;
        if (pid_of[i] != pid)
            same_pid = 0;
        for (int j = 0; j < i; j++)
            if (tid_of[i] == tid_of[j])
                distinct = 0;
    }
    expect("threads: gettid != getpid", differ_from_pid);
    expect("threads: same getpid", same_pid);
    expect("threads: distinct tids", distinct);
    return check_status();
}
