/*
 * get_robust_list of another thread of the process: the head that thread registered (glibc
 * registers one per thread), the same answer that thread gets for pid 0. An unknown tid is ESRCH.
 */
#include "check.h"
#include <pthread.h>
#include <stdatomic.h>

static atomic_int tid, done;
static void *head_seen;

static void *worker(void *arg)
{
    (void)arg;
    size_t len;
    syscall(SYS_get_robust_list, 0, &head_seen, &len);
    tid = (int)syscall(SYS_gettid);
    while (!done)
        usleep(1000);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    while (!tid)
        usleep(1000);
    void *head = NULL;
    size_t len = 0;
    SHOW("get_robust_list of the other thread", syscall(SYS_get_robust_list, tid, &head, &len));
    printf("len: %zu\n", len);
    expect("the head that thread registered", head != NULL && head == head_seen);
    void *own = NULL;
    syscall(SYS_get_robust_list, 0, &own, &len);
    expect("differs from the caller's", own != head);
    EXPECT_ERRNO("unknown tid", syscall(SYS_get_robust_list, 0x3fffffff, &head, &len), ESRCH);
    done = 1;
    pthread_join(t, NULL);
    return check_failures ? 1 : 0;
}
