/*
 * sethostname/setdomainname checks, in Linux's order: EPERM without CAP_SYS_ADMIN (dropped from
 * the effective set here), then EINVAL for a length past 64, then EFAULT. Only failing calls are
 * made: natively a successful one would rename the machine.
 */
#include "check.h"

#define CAP_VERSION_3 0x20080522
#define CAP_SYS_ADMIN 21
struct cap_header {
    unsigned int version;
    int pid;
};
struct cap_data {
    unsigned int effective, permitted, inheritable;
};

int main(void)
{
    struct cap_header h = {CAP_VERSION_3, 0};
    struct cap_data d[2], saved[2];
    expect("capget", syscall(SYS_capget, &h, d) == 0);
    memcpy(saved, d, sizeof d);
    int admin = (d[0].effective >> CAP_SYS_ADMIN) & 1;
    char name[80];
    memset(name, 'a', sizeof name);
    if (admin) {
        EXPECT_ERRNO("sethostname length 65", syscall(SYS_sethostname, name, 65), EINVAL);
        EXPECT_ERRNO("sethostname length -1", syscall(SYS_sethostname, name, -1L), EINVAL);
        EXPECT_ERRNO("setdomainname length 65", syscall(SYS_setdomainname, name, 65), EINVAL);
        EXPECT_ERRNO("sethostname unreadable name", syscall(SYS_sethostname, (void *)8, 4), EFAULT);
        EXPECT_ERRNO("setdomainname unreadable name", syscall(SYS_setdomainname, (void *)8, 4), EFAULT);
        d[0].effective &= ~(1u << CAP_SYS_ADMIN);
        expect("drop CAP_SYS_ADMIN", syscall(SYS_capset, &h, d) == 0);
    } else {
        printf("no CAP_SYS_ADMIN to drop\n");
    }
    EXPECT_ERRNO("sethostname without CAP_SYS_ADMIN", syscall(SYS_sethostname, name, 3), EPERM);
    EXPECT_ERRNO("setdomainname without CAP_SYS_ADMIN", syscall(SYS_setdomainname, name, 65), EPERM);
    if (admin)
        expect("restore", syscall(SYS_capset, &h, saved) == 0);
    return check_failures ? 1 : 0;
}
