/*
 * Resource limits: getrlimit/prlimit64 agree for RLIMIT_NOFILE and are sane, a lowered
 * soft limit is reported back and enforced by dup (EMFILE at the limit), bad resources
 * and soft > hard are rejected.
 */
#include "check.h"
#include <sys/resource.h>

int main(void)
{
    struct rlimit lim;
    SHOW("getrlimit(NOFILE)", getrlimit(RLIMIT_NOFILE, &lim));
    expect("NOFILE soft > 2", lim.rlim_cur > 2);
    expect("NOFILE soft <= hard", lim.rlim_cur <= lim.rlim_max);

    struct rlimit via_prlimit;
    SHOW("prlimit64(0, NOFILE, NULL, old)", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &via_prlimit));
    expect("prlimit64 agrees with getrlimit",
           via_prlimit.rlim_cur == lim.rlim_cur && via_prlimit.rlim_max == lim.rlim_max);

    struct rlimit stack;
    SHOW("getrlimit(STACK)", getrlimit(RLIMIT_STACK, &stack));
    expect("STACK soft > 0", stack.rlim_cur > 0);

    struct rlimit lowered = {16, lim.rlim_max};
    SHOW("setrlimit(NOFILE, 16)", setrlimit(RLIMIT_NOFILE, &lowered));
    struct rlimit now;
    getrlimit(RLIMIT_NOFILE, &now);
    printf("NOFILE soft now: %lu\n", (unsigned long)now.rlim_cur);
    expect("hard limit unchanged", now.rlim_max == lim.rlim_max);

    int last = -1, fd;
    errno = 0;
    while ((fd = dup(0)) >= 0)
        last = fd;
    printf("last fd from dup: %d\n", last);
    printf("dup at the limit: %s\n", errno_name(errno));

    struct rlimit inverted = {lim.rlim_max, 8};
    EXPECT_ERRNO("setrlimit(soft > hard)", setrlimit(RLIMIT_NOFILE, &inverted), EINVAL);
    EXPECT_ERRNO("getrlimit(resource 999)", syscall(SYS_getrlimit, 999, &now), EINVAL);
    return check_status();
}
