/* getrandom fills buffers (only lengths are printed), rejects bad flags and bad pointers. */
#include "check.h"
#include <sys/random.h>

int main(void)
{
    unsigned char a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    SHOW("getrandom(64, 0)", getrandom(a, sizeof a, 0));
    SHOW("getrandom(64, GRND_NONBLOCK)", getrandom(b, sizeof b, GRND_NONBLOCK));
    expect("two buffers differ", memcmp(a, b, sizeof a) != 0);
    SHOW("getrandom(0 bytes)", getrandom(a, 0, 0));
    SHOW("getrandom(1 byte, GRND_RANDOM)", getrandom(a, 1, GRND_RANDOM));
    EXPECT_ERRNO("getrandom(bad pointer)", syscall(SYS_getrandom, (void *)1, 16, 0), EFAULT);
    EXPECT_ERRNO("getrandom(bad flags)", syscall(SYS_getrandom, a, 16, 0x1000), EINVAL);
    return check_status();
}
