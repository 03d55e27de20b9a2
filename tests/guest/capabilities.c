/*
 * capget/capset: the version handshake (a bad version is answered with the preferred one and
 * EINVAL, or 0 when probing with NULL data), pid checks, and that dropping CAP_DAC_OVERRIDE
 * and CAP_DAC_READ_SEARCH from the effective set makes a mode-000 file unreadable for root
 * (permission checks follow the thread's capabilities), and raising them again restores access.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>

/* the kernel's ABI (linux/capability.h), spelled out so the musl build needs no kernel headers */
#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
struct __user_cap_header_struct {
    unsigned int version;
    int pid;
};
struct __user_cap_data_struct {
    unsigned int effective, permitted, inheritable;
};

static long capget_(struct __user_cap_header_struct *h, struct __user_cap_data_struct *d)
{
    return syscall(SYS_capget, h, d);
}

static long capset_(struct __user_cap_header_struct *h, struct __user_cap_data_struct *d)
{
    return syscall(SYS_capset, h, d);
}

int main(void)
{
    struct __user_cap_header_struct h = {0x12345678, 0};
    struct __user_cap_data_struct d[2];

    SHOW("probe bad version, NULL data", capget_(&h, NULL));
    printf("version written back: 0x%x\n", h.version);
    h.version = 0x12345678;
    EXPECT_ERRNO("bad version", capget_(&h, d), EINVAL);
    printf("version written back: 0x%x\n", h.version);
    EXPECT_ERRNO("unreadable header", capget_((void *)8, d), EFAULT);

    h.version = _LINUX_CAPABILITY_VERSION_3;
    h.pid = -1;
    EXPECT_ERRNO("negative pid", capget_(&h, d), EINVAL);
    h.pid = 0x3fffffff;
    EXPECT_ERRNO("no such pid", capget_(&h, d), ESRCH);
    h.pid = getpid();
    SHOW("own pid", capget_(&h, d));
    h.pid = 0;
    EXPECT_ERRNO("unwritable data", capget_(&h, (void *)8), EFAULT);
    SHOW("pid 0", capget_(&h, d));
    struct __user_cap_data_struct saved[2];
    memcpy(saved, d, sizeof d);

    h.pid = 0x3fffffff;
    EXPECT_ERRNO("capset another pid", capset_(&h, d), EPERM);
    h.pid = 0;

    int root_with_dac = geteuid() == 0 && (d[0].effective & (1u << CAP_DAC_OVERRIDE));
    const char *path = "capabilities.tmp";
    unlink(path);
    int fd = open(path, O_CREAT | O_WRONLY, 0);
    expect("created", fd >= 0);
    close(fd);
    if (root_with_dac) {
        int ok = open(path, O_RDONLY);
        expect("mode 000 readable with CAP_DAC_OVERRIDE", ok >= 0);
        close(ok);
        d[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
        expect("capset drops DAC", capset_(&h, d) == 0);
        struct __user_cap_data_struct now[2];
        capget_(&h, now);
        expect("capget sees the drop", (now[0].effective & (1u << CAP_DAC_OVERRIDE)) == 0);
        errno = 0;
        int denied = open(path, O_RDONLY);
        printf("open without DAC: %s\n", denied < 0 ? errno_name(errno) : "opened");
        if (denied >= 0)
            close(denied);
        expect("capset restores", capset_(&h, saved) == 0);
        int again = open(path, O_RDONLY);
        expect("readable again", again >= 0);
        close(again);
    } else {
        printf("not root with CAP_DAC_OVERRIDE: drop test not run\n");
    }
    unlink(path);
    return check_failures ? 1 : 0;
}
