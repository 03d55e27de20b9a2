/*
 * Terminal ioctls on a pseudo-terminal the program allocates itself (posix_openpt, grantpt,
 * unlockpt, ptsname: TIOCGPTN and TIOCSPTLCK on /dev/ptmx), then TCGETS/TCSETS*, TIOCGWINSZ and
 * TIOCSWINSZ on the slave, data through the line discipline, and the errors: EFAULT for bad
 * pointers on a terminal, ENOTTY for job-control requests on a terminal that is not the
 * controlling one.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>

#define BAD ((void *)16)

int main(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) {
        printf("posix_openpt: %s\n", errno_name(errno));
        return 2;
    }
    struct termios t;
    expect("the master is a terminal", ioctl(master, TCGETS, &t) == 0);
    unsigned int ptn = 9999;
    SHOW("TIOCGPTN", ioctl(master, TIOCGPTN, &ptn));
    char expected[32];
    snprintf(expected, sizeof expected, "/dev/pts/%u", ptn);
    SHOW("grantpt", grantpt(master));
    const char *name = ptsname(master);
    expect("ptsname names the TIOCGPTN number", name && strcmp(name, expected) == 0);

    /* still locked: the slave cannot be opened */
    int lock = 1;
    SHOW("TIOCSPTLCK 1", ioctl(master, TIOCSPTLCK, &lock));
    int locked = -1;
    SHOW("TIOCGPTLCK", ioctl(master, TIOCGPTLCK, &locked));
    printf("locked: %d\n", locked);
    EXPECT_ERRNO("open the locked slave", open(expected, O_RDWR | O_NOCTTY), EIO);
    SHOW("unlockpt", unlockpt(master));
    int slave = open(expected, O_RDWR | O_NOCTTY);
    expect("the slave opens once unlocked", slave >= 0);
    expect("isatty(slave)", isatty(slave) == 1);

    /* TCGETS / TCSETS* on the slave */
    SHOW("TCGETS", ioctl(slave, TCGETS, &t));
    expect("a fresh pty echoes", (t.c_lflag & ECHO) != 0);
    t.c_lflag &= ~ECHO;
    SHOW("TCSETS without ECHO", ioctl(slave, TCSETS, &t));
    struct termios back;
    SHOW("TCGETS again", ioctl(slave, TCGETS, &back));
    expect("ECHO is off", (back.c_lflag & ECHO) == 0);
    back.c_lflag &= ~ICANON;
    SHOW("TCSETSW without ICANON", ioctl(slave, TCSETSW, &back));
    SHOW("tcgetattr", tcgetattr(slave, &t));
    expect("ICANON is off", (t.c_lflag & ICANON) == 0);
    t.c_lflag |= ICANON;
    SHOW("TCSETSF with ICANON", ioctl(slave, TCSETSF, &t));
    SHOW("tcsetattr TCSANOW", tcsetattr(slave, TCSANOW, &t));
    SHOW("tcgetattr again", tcgetattr(slave, &back));
    expect("ICANON is on again", (back.c_lflag & ICANON) != 0);

    /* window size, seen from both ends */
    struct winsize w = {0};
    SHOW("TIOCGWINSZ", ioctl(slave, TIOCGWINSZ, &w));
    printf("initial size: %d x %d\n", w.ws_row, w.ws_col);
    struct winsize set = {.ws_row = 24, .ws_col = 80, .ws_xpixel = 640, .ws_ypixel = 480};
    SHOW("TIOCSWINSZ 24x80", ioctl(master, TIOCSWINSZ, &set));
    memset(&w, 0, sizeof w);
    SHOW("TIOCGWINSZ on the slave", ioctl(slave, TIOCGWINSZ, &w));
    printf("size: %d x %d (%d x %d pixels)\n", w.ws_row, w.ws_col, w.ws_xpixel, w.ws_ypixel);

    /* a line through the line discipline */
    SHOW("TCFLSH TCIOFLUSH", ioctl(slave, TCFLSH, TCIOFLUSH));
    int queued = -1;
    SHOW("TIOCOUTQ", ioctl(slave, TIOCOUTQ, &queued));
    printf("output queued: %d\n", queued);
    SHOW("write a line to the master", write(master, "ab\n", 3));
    char line[8] = {0};
    SHOW("read it from the slave", read(slave, line, sizeof line - 1));
    expect("the line arrived", strcmp(line, "ab\n") == 0);

    /* job control on a terminal that is not ours */
    int pgrp = 0;
    EXPECT_ERRNO("TIOCGPGRP", ioctl(slave, TIOCGPGRP, &pgrp), ENOTTY);
    EXPECT_ERRNO("TIOCGPGRP, bad pointer", ioctl(slave, TIOCGPGRP, BAD), ENOTTY);
    EXPECT_ERRNO("TIOCGSID", ioctl(slave, TIOCGSID, &pgrp), ENOTTY);
    pgrp = getpid(); /* any valid process group: the terminal check comes first */
    EXPECT_ERRNO("TIOCSPGRP", ioctl(slave, TIOCSPGRP, &pgrp), ENOTTY);
    EXPECT_ERRNO("TIOCSPGRP, bad pointer", ioctl(slave, TIOCSPGRP, BAD), EFAULT);
    /* not a session leader: it may not take a controlling terminal */
    EXPECT_ERRNO("TIOCSCTTY", ioctl(slave, TIOCSCTTY, 0), EPERM);
    EXPECT_ERRNO("TIOCGPTN on the slave", ioctl(slave, TIOCGPTN, &ptn), ENOTTY);

    EXPECT_ERRNO("TCGETS, bad pointer", ioctl(slave, TCGETS, BAD), EFAULT);
    EXPECT_ERRNO("TCSETS, bad pointer", ioctl(slave, TCSETS, BAD), EFAULT);
    EXPECT_ERRNO("TCSETSF, bad pointer", ioctl(slave, TCSETSF, BAD), EFAULT);
    EXPECT_ERRNO("TIOCGWINSZ, bad pointer", ioctl(slave, TIOCGWINSZ, BAD), EFAULT);
    EXPECT_ERRNO("TIOCSWINSZ, bad pointer", ioctl(slave, TIOCSWINSZ, BAD), EFAULT);
    EXPECT_ERRNO("TIOCGPTN, bad pointer", ioctl(master, TIOCGPTN, BAD), EFAULT);
    EXPECT_ERRNO("TIOCSPTLCK, bad pointer", ioctl(master, TIOCSPTLCK, BAD), EFAULT);

    /* the generic requests work on terminals too */
    int on = 1, avail = -1;
    SHOW("FIONBIO on the slave", ioctl(slave, FIONBIO, &on));
    char c;
    EXPECT_ERRNO("read of the empty slave", read(slave, &c, 1), EAGAIN);
    SHOW("FIONREAD on the slave", ioctl(slave, FIONREAD, &avail));
    printf("slave input: %d\n", avail);
    SHOW("FIOASYNC on the slave", ioctl(slave, FIOASYNC, &on));
    expect("slave has O_ASYNC", (fcntl(slave, F_GETFL) & O_ASYNC) != 0);
    close(slave);
    close(master);
    return check_status();
}
