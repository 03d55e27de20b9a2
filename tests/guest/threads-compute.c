/*
 * Two threads compute for seconds without a single syscall: integer stores and a floating-point
 * sum held in a register. Every value must match the native run. An emulator that preempts a
 * thread in the middle of such a loop and resumes it inexactly re-runs instructions (osgix did,
 * with Unicorn 2.0.1's asynchronous stop: sums and arrays came out wrong, sort crashed).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define LENGTH 1000000
#define ROUNDS 3

static uint64_t values[2][LENGTH];
static double sums[2];

static void *compute(void *arg)
{
    int k = (int)(intptr_t)arg;
    uint64_t *x = values[k];
    double sum = 0;
    x[0] = k + 1;
    for (int round = 0; round < ROUNDS; round++)
        for (int i = 1; i < LENGTH; i++) {
            x[i] = x[i - 1] * 6364136223846793005ULL + 1442695040888963407ULL + (x[i] >> 7);
            sum += (double)(x[i] & 1023) * 0.5;
        }
    sums[k] = sum;
    return NULL;
}

int main(void)
{
    pthread_t threads[2];
    for (int k = 0; k < 2; k++)
        pthread_create(&threads[k], NULL, compute, (void *)(intptr_t)k);
    for (int k = 0; k < 2; k++)
        pthread_join(threads[k], NULL);
    for (int k = 0; k < 2; k++) {
        uint64_t hash = 0;
        for (int i = 0; i < LENGTH; i++)
            hash = hash * 31 + values[k][i];
        printf("thread %d: hash %016llx sum %.1f\n", k, (unsigned long long)hash, sums[k]);
    }
    return 0;
}
