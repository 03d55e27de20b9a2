/*
 * tty-foreground: the terminal's foreground process group and session. Without a terminal
 * (the suite's stdin is /dev/null) TIOCGPGRP, TIOCGSID, TIOCSPGRP and TIOCNOTTY are ENOTTY. Then
 * a child in a new session takes a pseudo-terminal as its controlling terminal (TIOCSCTTY),
 * reads its session and foreground group back, makes a new group of its own the foreground one,
 * and gives the terminal up (TIOCNOTTY), after which it has no controlling terminal.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

static void result(const char *label, long r)
{
    printf("%s: %s\n", label, r == -1 ? errno_name(errno) : "ok");
}

int main(void)
{
    pid_t pgrp;
    result("TIOCGPGRP on /dev/null", ioctl(0, TIOCGPGRP, &pgrp));
    result("TIOCGSID on /dev/null", ioctl(0, TIOCGSID, &pgrp));
    pgrp = getpgrp();
    result("TIOCSPGRP on /dev/null", ioctl(0, TIOCSPGRP, &pgrp));
    result("TIOCNOTTY on /dev/null", ioctl(0, TIOCNOTTY));

    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) || unlockpt(master)) {
        printf("no pseudo-terminals here\n");
        return 0;
    }
    const char *name = ptsname(master);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        signal(SIGHUP, SIG_IGN); /* TIOCNOTTY of a session leader hangs up its foreground group */
        signal(SIGTTOU, SIG_IGN);
        expect("setsid", setsid() == getpid());
        int slave = open(name, O_RDWR | O_NOCTTY);
        result("TIOCGPGRP before it is the controlling terminal", ioctl(slave, TIOCGPGRP, &pgrp));
        result("TIOCSCTTY", ioctl(slave, TIOCSCTTY, 0));
        pid_t sid = 0;
        result("TIOCGSID", ioctl(slave, TIOCGSID, &sid));
        expect("the session is ours", sid == getpid());
        result("TIOCGPGRP", ioctl(slave, TIOCGPGRP, &pgrp));
        expect("the foreground group is ours", pgrp == getpid());
        pid_t bad = 0x3ffffff0;
        result("TIOCSPGRP of no group", ioctl(slave, TIOCSPGRP, &bad));
        bad = -1;
        result("TIOCSPGRP negative", ioctl(slave, TIOCSPGRP, &bad));
        result("TIOCSPGRP bad pointer", ioctl(slave, TIOCSPGRP, (pid_t *) 8));
        result("TIOCGPGRP bad pointer", ioctl(slave, TIOCGPGRP, (pid_t *) 8));
        result("tcsetpgrp of our group", tcsetpgrp(slave, getpgrp()));
        result("TIOCSCTTY again", ioctl(slave, TIOCSCTTY, 0));
        result("TIOCNOTTY", ioctl(slave, TIOCNOTTY));
        result("TIOCGPGRP after TIOCNOTTY", ioctl(slave, TIOCGPGRP, &pgrp));
        result("TIOCGSID after TIOCNOTTY", ioctl(slave, TIOCGSID, &sid));
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status;
    waitpid(child, &status, 0);
    printf("child: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
