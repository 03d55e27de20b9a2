/*
 * Futexes of shared memory between processes (no FUTEX_PRIVATE_FLAG, as pshared semaphores,
 * mutexes and condition variables and Python's SemLock use them): a parent and its fork child
 * ping-pong through semaphores in a MAP_SHARED page and a named semaphore (/dev/shm), hand over
 * a pshared mutex and condition variable, and wake, requeue and wake-op each other with raw
 * futex calls; a shared wait ends with EINTR on a signal, times out, honours bitsets, and does
 * not keep exit_group waiting.
 */
#include "check.h"
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

/* beyond check.h's: musl has no <linux/futex.h> */
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAKE_BITSET 10
#define FUTEX_OP_SET 0
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP(op, oparg, cmp, cmparg) \
    ((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

struct shared {
    sem_t ping, pong;
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    int ready;
    uint32_t word, word2, target;
};

static long futex(uint32_t *uaddr, int op, uint32_t val, const struct timespec *timeout, uint32_t *uaddr2,
                  uint32_t val3) {
    return syscall(SYS_futex, uaddr, op, val, timeout, uaddr2, val3);
}

/* FUTEX_WAKE-like calls until one wakes somebody: the other process may not be asleep yet */
static long until_woken(uint32_t *uaddr, int op, uint32_t val, uintptr_t val2, uint32_t *uaddr2, uint32_t val3) {
    for (int i = 0; i < 100000; i++) {
        long r = syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
        if (r != 0) return r;
        usleep(1000);
    }
    return 0;
}

static void child_exit_status(pid_t pid, const char *what) {
    int status;
    waitpid(pid, &status, 0);
    printf("%s: %s %d\n", what, WIFEXITED(status) ? "exited" : "killed by", WIFEXITED(status) ? WEXITSTATUS(status)
           : WTERMSIG(status));
}

static void on_usr1(int sig) { (void)sig; }

/* the raw child reports each wait's result to the parent, which prints it: one writer, one order */
static int report[2];

static void tell(long r) {
    char line[64];
    int n = snprintf(line, sizeof line, "%ld %s\n", r, r < 0 ? errno_name(errno) : "OK");
    if (write(report[1], line, n) != n) _exit(2);
}

static void hear(const char *what) {
    char line[64];
    int n = 0;
    while (n < (int)sizeof line - 1 && read(report[0], line + n, 1) == 1 && line[n] != '\n') n++;
    line[n] = 0;
    printf("%s: %s\n", what, line);
}

static void *wait_forever(void *arg) {
    futex(arg, FUTEX_WAIT, 0, NULL, NULL, 0);
    return NULL;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (s == MAP_FAILED) return 1;
    sem_init(&s->ping, 1, 0);
    sem_init(&s->pong, 1, 0);
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&s->mutex, &ma);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
    pthread_cond_init(&s->cond, &ca);
    char name[64];
    snprintf(name, sizeof name, "/osgix-futex-test-%d", (int)getpid());
    sem_t *named = sem_open(name, O_CREAT | O_EXCL, 0600, 0); /* a file in /dev/shm that both map */
    if (named == SEM_FAILED) {
        perror("sem_open");
        return 1;
    }
    sem_unlink(name);

    /* libc's process-shared objects: 200 semaphore round trips (each a wake of the other
       process), a named semaphore, a mutex and condition variable */
    enum { ROUNDS = 200 };
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < ROUNDS; i++) {
            sem_wait(&s->ping);
            sem_post(&s->pong);
        }
        usleep(20000);
        sem_post(named);
        pthread_mutex_lock(&s->mutex);
        while (!s->ready) pthread_cond_wait(&s->cond, &s->mutex);
        pthread_mutex_unlock(&s->mutex);
        _exit(s->ready);
    }
    int rounds = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_post(&s->ping);
        if (sem_wait(&s->pong) == 0) rounds++;
    }
    printf("semaphore ping-pong rounds: %d\n", rounds);
    printf("named semaphore wait: %d\n", sem_wait(named));
    usleep(20000);
    pthread_mutex_lock(&s->mutex);
    s->ready = 7;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->mutex);
    child_exit_status(pid, "libc objects child");

    /* raw futex calls, one wait after the other in one child; the words stay 0, so the child
       leaves a wait only when the parent's call reaches it */
    if (pipe(report) != 0) return 1;
    pid = fork();
    if (pid == 0) {
        struct sigaction sa = {0};
        sa.sa_handler = on_usr1; /* no SA_RESTART */
        sigaction(SIGUSR1, &sa, NULL);
        tell(futex(&s->word, FUTEX_WAIT, 0, NULL, NULL, 0));        /* FUTEX_WAKE */
        tell(futex(&s->word, FUTEX_WAIT, 0, NULL, NULL, 0));        /* requeued, then woken */
        tell(futex(&s->word2, FUTEX_WAIT, 0, NULL, NULL, 0));       /* FUTEX_WAKE_OP */
        tell(futex(&s->word, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0x1)); /* bitsets */
        struct timespec brief = {0, 50 * 1000 * 1000};
        errno = 0;
        tell(futex(&s->word, FUTEX_WAIT, 0, &brief, NULL, 0));
        while (futex(&s->word, FUTEX_WAIT, 0, NULL, NULL, 0) != -1 || errno != EINTR) {}
        tell(-1);
        /* exit_group ends a process whose other thread sleeps on a shared futex */
        pthread_t t;
        pthread_create(&t, NULL, wait_forever, &s->word);
        usleep(50000);
        exit(9);
    }
    printf("FUTEX_WAKE woke: %ld\n", until_woken(&s->word, FUTEX_WAKE, 1, 0, NULL, 0));
    hear("woken wait");
    printf("FUTEX_CMP_REQUEUE moved: %ld\n", until_woken(&s->word, FUTEX_CMP_REQUEUE, 0, 1, &s->target, 0));
    printf("FUTEX_WAKE of the target woke: %ld\n", futex(&s->target, FUTEX_WAKE, 1, NULL, NULL, 0));
    hear("requeued wait");
    /* (tries that find nobody asleep change nothing: word2 is set to the 0 it holds) */
    printf("FUTEX_WAKE_OP woke: %ld\n", until_woken(&s->word, FUTEX_WAKE_OP, 1, 1, &s->word2,
                                                     FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_EQ, 0)));
    hear("wake-op wait");
    usleep(100000);
    printf("FUTEX_WAKE_BITSET with a disjoint bitset woke: %ld\n",
           futex(&s->word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0x2));
    printf("FUTEX_WAKE_BITSET with its bit woke: %ld\n", until_woken(&s->word, FUTEX_WAKE_BITSET, 1, 0, NULL, 0x1));
    hear("bitset wait");
    hear("timed shared wait");
    fcntl(report[0], F_SETFL, fcntl(report[0], F_GETFL) | O_NONBLOCK);
    char c;
    while (read(report[0], &c, 1) != 1) {
        if (kill(pid, SIGUSR1) != 0) return 1; /* until the child reports its EINTR: it may not be asleep yet */
        usleep(20000);
    }
    fcntl(report[0], F_SETFL, fcntl(report[0], F_GETFL) & ~O_NONBLOCK);
    char rest[16];
    rest[0] = c;
    int n = 1;
    while (n < (int)sizeof rest - 1 && read(report[0], rest + n, 1) == 1 && rest[n] != '\n') n++;
    rest[n] = 0;
    printf("signalled shared wait: %s\n", rest);
    child_exit_status(pid, "raw futex child (exit with a sleeping thread)");
    return check_failures ? 1 : 0;
}
