package org.osgix.poll;

/**
 * Readiness events and registration flags, with Linux's epoll values (the poll family speaks
 * Linux; a backend on another mechanism translates). Events reported by a {@link PollSet} use the
 * event bits only; the flag bits are for registrations.
 */
public final class PollEvents {
    public static final int IN = 0x001, PRI = 0x002, OUT = 0x004, ERR = 0x008, HUP = 0x010,
        RDNORM = 0x040, RDBAND = 0x080, WRNORM = 0x100, WRBAND = 0x200, MSG = 0x400,
        RDHUP = 0x2000;

    /** Edge-triggered: report a registration once per change of readiness. */
    public static final int ET = 1 << 31;
    /** Report once, then stay disarmed until {@link PollSet#modify} re-arms the registration. */
    public static final int ONESHOT = 1 << 30;

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
