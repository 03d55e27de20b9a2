/*
 * Thread-local storage: __thread variables with an initial value (.tdata) and without
 * (.tbss) start fresh in every thread, and each thread's writes stay its own.
 */
#include "check.h"
#include <pthread.h>

#define THREADS 4

static __thread long initialised = 1000;
static __thread long zeroed;
static __thread char text[16] = "tls";
static pthread_barrier_t all_written;
static int fresh[THREADS], own[THREADS];

static void *use_tls(void *arg)
{
    long i = (long)arg;
    fresh[i] = initialised == 1000 && zeroed == 0 && strcmp(text, "tls") == 0;
    initialised += i;
    zeroed = i * 10;
    text[3] = (char)('0' + i);
    pthread_barrier_wait(&all_written); /* every thread has written its copy now */
    own[i] = initialised == 1000 + i && zeroed == i * 10 && text[3] == '0' + i && text[4] == '\0';
    return NULL;
}

int main(void)
{
    initialised = 7;
    zeroed = 8;
    pthread_barrier_init(&all_written, NULL, THREADS);
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, use_tls, (void *)i);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < THREADS; i++) {
        printf("thread %d: fresh %s, own %s\n", i, fresh[i] ? "yes" : "no", own[i] ? "yes" : "no");
        if (!fresh[i] || !own[i])
            check_failures++;
    }
    expect("main thread's copies untouched", initialised == 7 && zeroed == 8 && strcmp(text, "tls") == 0);
    return check_status();
}
