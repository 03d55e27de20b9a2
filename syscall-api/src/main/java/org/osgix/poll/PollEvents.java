package org.osgix.poll;

import org.osgix.syscall.EpollFlags;

/**
 * Readiness events and registration flags, with Linux's epoll values (the poll family speaks
 * Linux; a backend on another mechanism translates). Events reported by a {@link PollSet} use the
 * event bits only; the flag bits are for registrations.
 */
public final class PollEvents {
    public static final int IN = EpollFlags.EPOLLIN, PRI = EpollFlags.EPOLLPRI, OUT = EpollFlags.EPOLLOUT,
        ERR = EpollFlags.EPOLLERR, HUP = EpollFlags.EPOLLHUP, RDNORM = EpollFlags.EPOLLRDNORM,
        RDBAND = EpollFlags.EPOLLRDBAND, WRNORM = EpollFlags.EPOLLWRNORM, WRBAND = EpollFlags.EPOLLWRBAND,
        MSG = EpollFlags.EPOLLMSG, RDHUP = EpollFlags.EPOLLRDHUP;

    /** Edge-triggered: report a registration once per change of readiness. */
    public static final int ET = EpollFlags.EPOLLET;
    /** Report once, then stay disarmed until {@link PollSet#modify} re-arms the registration. */
    public static final int ONESHOT = EpollFlags.EPOLLONESHOT;

    /** Every event bit a registration may ask for (ERR and HUP are always reported). */
    public static final int EVENT_BITS = IN | PRI | OUT | ERR | HUP | RDNORM | RDBAND | WRNORM
        | WRBAND | MSG | RDHUP;

    /** The reading events: a backend watches the read side for any of them. */
    public static final int READ_SIDE = IN | PRI | RDNORM | RDBAND | MSG | RDHUP;

    /** The writing events. */
    public static final int WRITE_SIDE = OUT | WRNORM | WRBAND;

    private PollEvents() {
    }
}
