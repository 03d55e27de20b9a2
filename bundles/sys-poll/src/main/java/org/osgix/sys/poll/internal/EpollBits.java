package org.osgix.sys.poll.internal;

import org.osgix.poll.PollEvents;

/** Linux's epoll flag values and what the family does with them. */
final class EpollBits {
    static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29;
    /** What ADD accepts together with EPOLLEXCLUSIVE (Linux's EPOLLEXCLUSIVE_OK_BITS). */
    static final int EXCLUSIVE_OK = PollEvents.IN | PollEvents.OUT | PollEvents.ERR | PollEvents.HUP
        | EPOLLWAKEUP | PollEvents.ET | EPOLLEXCLUSIVE;
    /** Reported whether asked for or not. */
    static final int ALWAYS = PollEvents.ERR | PollEvents.HUP;
    /** struct epoll_event on x86_64: u32 events, u64 data, packed. */
    static final int EVENT_SIZE = 12;
    /** EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event). */
    static final int MAX_EVENTS = Integer.MAX_VALUE / EVENT_SIZE;
    /** EP_MAX_NESTS: the deepest chain of epoll instances watching each other. */
    static final int MAX_NESTS = 4;

    private EpollBits() {
    }
}
