package org.osgix.sys.poll.internal;

/** Where a harvest writes the events it delivers (the guest's epoll_event array). */
interface EventSink {
    /** Writes entry {@code index}: the ready events and the registration's data. */
    void put(int index, int events, long data);
}
