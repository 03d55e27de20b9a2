/*
 * tls-preemption: threads that read their own thread-local storage (through FS) in tight loops,
 * with syscalls in between, while more threads than CPUs compete, so the host preempts them in
 * the middle of guest code and of syscalls. An engine that loses a thread's FS base at a context
 * switch (as the native engine did when it trusted wrfsbase on a kernel that does not manage it)
 * makes a thread see another thread's TLS, or the emulator's.
 */
#include "check.h"
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#define THREADS 6
#define ROUNDS 400000

static __thread uintptr_t self_mark;
static __thread volatile uint64_t counter;

static void *run(void *arg)
{
    uintptr_t id = (uintptr_t) arg;
    self_mark = id * 0x9e3779b97f4a7c15ULL;
    long bad = 0;
    for (long i = 0; i < ROUNDS; i++) {
        counter++;
        if (self_mark != id * 0x9e3779b97f4a7c15ULL || counter != (uint64_t) i + 1)
            bad++;
        if ((i & 1023) == 0)
            syscall(SYS_getppid); /* a syscall now and then: FS switches to the emulator and back */
    }
    return (void *) bad;
}

int main(void)
{
    pthread_t t[THREADS];
    for (uintptr_t i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, run, (void *) (i + 1));
    long bad = 0;
    for (int i = 0; i < THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        bad += (long) r;
    }
    printf("threads: %d, rounds each: %d\n", THREADS, ROUNDS);
    expect("every thread saw only its own TLS", bad == 0);
    return check_failures ? 1 : 0;
}
