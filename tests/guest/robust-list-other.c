/*
 * get_robust_list of another thread of the process: the head that thread registered (set here,
 * not left to the libc: musl registers none), the same answer that thread gets for pid 0. An
 * unknown tid is ESRCH.
 */
#include "check.h"
#include <pthread.h>
#include <stdatomic.h>

static atomic_int tid, done;
static void *head_seen;
/* struct robust_list_head: list.next, futex_offset, list_op_pending; an empty list points at itself */
static struct {
    void *next;
    long futex_offset;
    void *pending;
} worker_head = {&worker_head, 0, NULL};

static void *worker(void *arg)
{
    (void)arg;
    size_t len;
    syscall(SYS_set_robust_list, &worker_head, sizeof worker_head);
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
    expect("the head that thread registered", head == (void *)&worker_head && head == head_seen);
    void *own = NULL;
    syscall(SYS_get_robust_list, 0, &own, &len);
    expect("differs from the caller's", own != head);
    EXPECT_ERRNO("unknown tid", syscall(SYS_get_robust_list, 0x3fffffff, &head, &len), ESRCH);
    done = 1;
    pthread_join(t, NULL);
    return check_failures ? 1 : 0;
}
