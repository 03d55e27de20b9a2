package org.osgix.sys.poll.internal;

import static org.osgix.syscall.EpollFlags.EPOLLEXCLUSIVE;
import static org.osgix.syscall.EpollFlags.EPOLLWAKEUP;
import static org.osgix.syscall.EpollFlags.EPOLL_EVENT_SIZE;

import org.osgix.poll.PollEvents;

/** What the family does with Linux's epoll bits ({@link org.osgix.syscall.EpollFlags}). */
final class EpollBits {
    /** What ADD accepts together with EPOLLEXCLUSIVE (Linux's EPOLLEXCLUSIVE_OK_BITS). */
    static final int EXCLUSIVE_OK = PollEvents.IN | PollEvents.OUT | PollEvents.ERR | PollEvents.HUP
        | EPOLLWAKEUP | PollEvents.ET | EPOLLEXCLUSIVE;
    /** Reported whether asked for or not. */
    static final int ALWAYS = PollEvents.ERR | PollEvents.HUP;
    /** EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event). */
    static final int MAX_EVENTS = Integer.MAX_VALUE / EPOLL_EVENT_SIZE;
    /** EP_MAX_NESTS: the deepest chain of epoll instances watching each other. */
    static final int MAX_NESTS = 4;

    private EpollBits() {
    }
}
