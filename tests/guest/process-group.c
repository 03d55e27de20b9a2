/*
 * process-group: the guest's own process group and session, as the process the user started
 * has them (osgix runs the guest in its own process): getpgrp, getpgid(0 and self), getsid,
 * setpgid of itself, and setsid's EPERM for a group leader or its new session otherwise.
 */
#include "check.h"

int main(void)
{
    pid_t pid = getpid();
    pid_t pgrp = getpgrp();
    expect("getpgrp equals getpgid(0)", pgrp == getpgid(0));
    expect("getpgid(self) equals getpgid(0)", getpgid(pid) == pgrp);
    expect("getsid(0) equals getsid(self)", getsid(0) == getsid(pid));
    /* 0 is a valid session id: a process started under a session-less init (CI runners) has it */
    expect("getsid is not an error", getsid(0) >= 0);
    errno = 0;
    expect("setpgid with a negative group: EINVAL", setpgid(0, -1) == -1 && errno == EINVAL);
    /* become a group leader, then setsid must refuse (EPERM), natively and under osgix */
    int r = setpgid(0, 0);
    printf("setpgid(0, 0): %s\n", r == 0 ? "0" : errno_name(errno));
    expect("now a group leader", r != 0 || getpgrp() == pid);
    errno = 0;
    r = setsid();
    printf("setsid as a group leader: %s\n", r == -1 ? errno_name(errno) : "a new session");
    return check_failures ? 1 : 0;
}
