package org.osgix.syscall;

/**
 * Linux's poll(2) events ({@code struct pollfd}). {@code Host} extends this, so
 * {@code Host.POLLIN} names the same constant.
 */
public interface PollFlags {
    int POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10,
        POLLNVAL = 0x20, POLLRDNORM = 0x40, POLLRDBAND = 0x80, POLLWRNORM = 0x100,
        POLLWRBAND = 0x200, POLLMSG = 0x400, POLLRDHUP = 0x2000;

    /** sizeof(struct pollfd): int fd, short events, short revents. */
    int POLLFD_SIZE = 8;
}
