package org.osgix.sys.poll.internal;

/**
 * One guest registration: a descriptor number of a watched description in one epoll instance,
 * with its events and data (Linux keys registrations by file and number). Guarded by the
 * instance's lock.
 */
final class Interest {
    final int fd;
    /** As the guest gave them: event bits and EPOLLET/EPOLLONESHOT/EPOLLEXCLUSIVE. */
    int events;
    long data;
    /** False once a ONESHOT registration has reported, until MOD re-arms it. */
    boolean armed = true;

    Interest(int fd, int events, long data) {
        this.fd = fd;
        this.events = events;
        this.data = data;
    }

    boolean has(int flag) {
        return (events & flag) != 0;
    }
}
