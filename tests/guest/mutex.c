/*
 * pthreads with a contended mutex: N threads each increment a shared counter M times under
 * one mutex; a condition variable makes them all start together. Prints the total.
 */
#include "check.h"
#include <pthread.h>

#define THREADS 4
#define ROUNDS 10000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t start_signal = PTHREAD_COND_INITIALIZER;
static int ready, go;
static long counter;

static void *work(void *arg)
{
    pthread_mutex_lock(&lock);
    ready++;
    while (!go)
        pthread_cond_wait(&start_signal, &lock);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return arg;
}

int main(void)
{
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, work, (void *)i) != 0)
            return 2;
    for (;;) { /* wait until every thread is parked on the condvar */
        pthread_mutex_lock(&lock);
        int all = ready == THREADS;
        if (all) {
            go = 1;
            pthread_cond_broadcast(&start_signal);
        }
        pthread_mutex_unlock(&lock);
        if (all)
            break;
        sched_yield();
    }
    int results_ok = 1;
    for (long i = 0; i < THREADS; i++) {
        void *result;
        pthread_join(t[i], &result);
        if (result != (void *)i)
            results_ok = 0;
    }
    printf("total: %ld\n", counter);
    expect("total is THREADS * ROUNDS", counter == (long)THREADS * ROUNDS);
    expect("join returns each thread's result", results_ok);
    pthread_mutex_lock(&lock);
    int busy = pthread_mutex_trylock(&lock);
    pthread_mutex_unlock(&lock);
    printf("trylock of a held mutex: %s\n", errno_name(busy));
    return check_status();
}
