package org.osgix.syscall;

/** Linux's epoll ABI: epoll_ctl operations, epoll_create1 flags, event and registration bits. */
public interface EpollFlags {
    int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    int EPOLL_CLOEXEC = OpenFlags.O_CLOEXEC;

    /** Event bits: the poll(2) values. */
    int EPOLLIN = PollFlags.POLLIN, EPOLLPRI = PollFlags.POLLPRI, EPOLLOUT = PollFlags.POLLOUT,
        EPOLLERR = PollFlags.POLLERR, EPOLLHUP = PollFlags.POLLHUP, EPOLLRDNORM = PollFlags.POLLRDNORM,
        EPOLLRDBAND = PollFlags.POLLRDBAND, EPOLLWRNORM = PollFlags.POLLWRNORM,
        EPOLLWRBAND = PollFlags.POLLWRBAND, EPOLLMSG = PollFlags.POLLMSG, EPOLLRDHUP = PollFlags.POLLRDHUP;

    /** Registration flags. */
    int EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31;

    /** sizeof(struct epoll_event) on x86_64: u32 events, u64 data, packed. */
    int EPOLL_EVENT_SIZE = 12;
}
