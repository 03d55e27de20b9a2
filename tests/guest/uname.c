/* uname: sysname "Linux", machine "x86_64", plausible release and nodename; bad buffer → EFAULT. */
#include "check.h"
#include <ctype.h>
#include <sys/utsname.h>

int main(void)
{
    struct utsname u;
    SHOW("uname", uname(&u));
    printf("sysname: %s\n", u.sysname);
    printf("machine: %s\n", u.machine);
    expect("release starts with a digit", isdigit((unsigned char)u.release[0]));
    expect("nodename non-empty", u.nodename[0] != '\0');
    expect("version non-empty", u.version[0] != '\0');
    EXPECT_ERRNO("uname(1)", syscall(SYS_uname, (void *)1), EFAULT);
    return check_status();
}
