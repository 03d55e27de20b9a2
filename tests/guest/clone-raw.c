/*
 * The clone system call used directly, the way thread libraries use it:
 * CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID.
 * The child runs on its own stack with its own FS base, sees the parent's pid and its own
 * tid; the parent learns the tid through PARENT_SETTID and joins by waiting with futex on
 * the tid word, which the kernel clears and wakes when the child exits.
 * The child only makes raw system calls: it has no libc thread state.
 */
#include "check.h"
#include <sched.h>
#include <time.h>

#define CLONE_THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
                            CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

struct child_report {
    long tid;
    long pid;
    unsigned long fs_base;
    long shared_value;
};

static unsigned long child_tls[64] __attribute__((aligned(64)));
static unsigned char child_stack[2][64 * 1024] __attribute__((aligned(16)));
static struct child_report report[2];
static volatile long shared_value;

static long raw_syscall2(long number, long a, long b)
{
    long result;
    __asm__ volatile("syscall" : "=a"(result) : "0"(number), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return result;
}

/* Runs in the child: no libc calls, no TLS. */
static int child_main(void *arg)
{
    struct child_report *out = arg;
    out->tid = raw_syscall2(SYS_gettid, 0, 0);
    out->pid = raw_syscall2(SYS_getpid, 0, 0);
    raw_syscall2(SYS_arch_prctl, ARCH_GET_FS, (long)&out->fs_base);
    out->shared_value = shared_value; /* CLONE_VM: sees the parent's memory */
    shared_value++;
    return 0;
}

/* clone(flags, stack, parent_tid, child_tid, tls); the child calls fn(arg) then exit(). */
static long clone_thread(unsigned long flags, void *stack_top, int *parent_tid, int *child_tid,
                         unsigned long tls, int (*fn)(void *), void *arg)
{
    void **sp = (void **)stack_top - 2;
    sp[0] = (void *)fn;
    sp[1] = arg;
    register long r10 __asm__("r10") = (long)child_tid;
    register long r8 __asm__("r8") = (long)tls;
    long result;
    __asm__ volatile(
        "syscall\n\t"
        "test %%rax, %%rax\n\t"
        "jnz 1f\n\t"
        "xor %%ebp, %%ebp\n\t"
        "pop %%rax\n\t"        /* fn */
        "pop %%rdi\n\t"        /* arg */
        "call *%%rax\n\t"
        "mov %%eax, %%edi\n\t"
        "mov $60, %%eax\n\t"   /* exit: this thread only */
        "syscall\n\t"
        "hlt\n"
        "1:"
        : "=a"(result)
        : "0"((long)SYS_clone), "D"(flags), "S"(sp), "d"(parent_tid), "r"(r10), "r"(r8)
        : "rcx", "r11", "memory");
    return result;
}

/* Waits (at most ~5 s) until the kernel clears *word at the child's exit. */
static int join_on(volatile int *word)
{
    for (int tries = 0; tries < 50; tries++) {
        int seen = *word;
        if (seen == 0)
            return 1;
        struct timespec timeout = {0, 100 * 1000000};
        syscall(SYS_futex, word, FUTEX_WAIT, seen, &timeout, NULL, 0);
    }
    return *word == 0;
}

int main(void)
{
    long pid = getpid();
    child_tls[0] = (unsigned long)child_tls; /* x86_64 TCB convention: self pointer */

    /* One word for both tids, as pthread does. */
    volatile int tid_word = -1;
    long tid = clone_thread(CLONE_THREAD_FLAGS, child_stack[0] + sizeof child_stack[0], (int *)&tid_word,
                            (int *)&tid_word, (unsigned long)child_tls, child_main, &report[0]);
    expect("clone returned a tid", tid > 0);
    expect("tid differs from pid", tid != pid);
    int joined = join_on(&tid_word);
    expect("tid word cleared at exit (futex join)", joined);
    expect("PARENT_SETTID stored the tid", report[0].tid == tid);
    expect("child saw the parent's pid", report[0].pid == pid);
    expect("child's FS base is the TLS given", report[0].fs_base == (unsigned long)child_tls);
    expect("child saw shared memory", report[0].shared_value == 0);
    expect("child's write is visible", shared_value == 1);

    /* Separate words: PARENT_SETTID writes one, CHILD_CLEARTID clears the other. */
    volatile int parent_word = 0, child_word = 12345;
    long tid2 = clone_thread(CLONE_THREAD_FLAGS, child_stack[1] + sizeof child_stack[1], (int *)&parent_word,
                             (int *)&child_word, (unsigned long)child_tls, child_main, &report[1]);
    expect("second clone returned a tid", tid2 > 0 && tid2 != tid);
    expect("parent word holds the tid", parent_word == tid2);
    expect("child word cleared at exit", join_on(&child_word));
    expect("second child ran", shared_value == 2 && report[1].tid == tid2);

    EXPECT_ERRNO("clone(CLONE_THREAD without CLONE_SIGHAND)",
                 syscall(SYS_clone, CLONE_VM | CLONE_THREAD, child_stack[0] + 1024, NULL, NULL, 0), EINVAL);
    return check_status();
}
