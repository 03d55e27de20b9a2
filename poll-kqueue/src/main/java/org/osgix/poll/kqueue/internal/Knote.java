package org.osgix.poll.kqueue.internal;

/** One emulated knote: kqueue's registration of a filter on an ident. */
final class Knote {
    final int ident;
    final short filter;
    /** EV_ONESHOT, EV_CLEAR and EV_DISPATCH as last set by EV_ADD. */
    int behaviour;
    int fflags;
    long data;
    long udata;
    boolean enabled;
    /** Registered in the host epoll of its filter (armed, or disarmed by a dispatch). */
    boolean inHost;

    Knote(int ident, short filter) {
        this.ident = ident;
        this.filter = filter;
    }
}
