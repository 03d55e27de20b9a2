/* sched_getaffinity returns a non-empty mask; size and pid errors; sched_yield succeeds. */
#include "check.h"
#include <sched.h>

int main(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    SHOW("sched_getaffinity(0)", sched_getaffinity(0, sizeof set, &set));
    expect("mask non-empty", CPU_COUNT(&set) >= 1);

    unsigned long raw[16];
    long size = syscall(SYS_sched_getaffinity, 0, sizeof raw, raw);
    expect("raw result is a positive multiple of 8", size > 0 && size % 8 == 0);
    EXPECT_ERRNO("sched_getaffinity(size 4)", syscall(SYS_sched_getaffinity, 0, 4, raw), EINVAL);
    EXPECT_ERRNO("sched_getaffinity(no such pid)",
                 syscall(SYS_sched_getaffinity, 0x3fffffff, sizeof raw, raw), ESRCH);
    SHOW("sched_getaffinity(own tid)", sched_getaffinity((pid_t)current_tid(), sizeof set, &set));
    SHOW("sched_yield", sched_yield());
    return check_status();
}
