package org.osgix.poll.kqueue.internal;

/** kqueue's filter and flag values (equal on FreeBSD, OpenBSD and macOS). */
final class Kevents {
    static final short EVFILT_READ = -1, EVFILT_WRITE = -2;

    static final int EV_ADD = 0x0001, EV_DELETE = 0x0002, EV_ENABLE = 0x0004, EV_DISABLE = 0x0008,
        EV_ONESHOT = 0x0010, EV_CLEAR = 0x0020, EV_RECEIPT = 0x0040, EV_DISPATCH = 0x0080,
        EV_ERROR = 0x4000, EV_EOF = 0x8000;

    /** The flags a knote keeps and reports back (its behaviour). */
    static final int KNOTE_BEHAVIOUR = EV_ONESHOT | EV_CLEAR | EV_DISPATCH;

    private Kevents() {
    }
}
