/*
 * Producer/consumer over a bounded queue guarded by a mutex and two condition variables
 * (2 producers, 2 consumers, 20000 items); pthread_cond_timedwait times out with ETIMEDOUT.
 */
#include "check.h"
#include <pthread.h>
#include <time.h>

#define ITEMS_PER_PRODUCER 10000
#define CAPACITY 8

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static long queue[CAPACITY];
static int head, count, producers_left = 2;

static void *produce(void *arg)
{
    long base = (long)arg;
    for (long i = 1; i <= ITEMS_PER_PRODUCER; i++) {
        pthread_mutex_lock(&lock);
        while (count == CAPACITY)
            pthread_cond_wait(&not_full, &lock);
        queue[(head + count++) % CAPACITY] = base + i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    producers_left--;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consume(void *arg)
{
    long *sum = arg;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (count == 0 && producers_left > 0)
            pthread_cond_wait(&not_empty, &lock);
        if (count == 0) {
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        *sum += queue[head];
        head = (head + 1) % CAPACITY;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);
    }
}

int main(void)
{
    pthread_t p1, p2, c1, c2;
    long sum1 = 0, sum2 = 0;
    pthread_create(&c1, NULL, consume, &sum1);
    pthread_create(&c2, NULL, consume, &sum2);
    pthread_create(&p1, NULL, produce, (void *)0L);
    pthread_create(&p2, NULL, produce, (void *)1000000L);
    pthread_join(p1, NULL);
    pthread_join(p2, NULL);
    pthread_join(c1, NULL);
    pthread_join(c2, NULL);
    printf("sum consumed: %ld\n", sum1 + sum2);

    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 20 * 1000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&lock);
    int rc = pthread_cond_timedwait(&not_empty, &lock, &deadline);
    pthread_mutex_unlock(&lock);
    printf("timedwait: %s\n", errno_name(rc));
    return check_status();
}
