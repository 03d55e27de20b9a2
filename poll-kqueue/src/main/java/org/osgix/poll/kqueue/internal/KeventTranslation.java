package org.osgix.poll.kqueue.internal;

import static org.osgix.poll.PollEvents.ERR;
import static org.osgix.poll.PollEvents.HUP;
import static org.osgix.poll.PollEvents.IN;
import static org.osgix.poll.PollEvents.OUT;
import static org.osgix.poll.PollEvents.RDHUP;
import static org.osgix.poll.PollEvents.RDNORM;
import static org.osgix.poll.PollEvents.WRNORM;

import org.osgix.fd.FileKind;

/**
 * A triggered kevent as the Linux events the file's poll would report. kqueue says "end of file"
 * (EV_EOF) where Linux distinguishes by file type: a pipe whose writers are gone is EPOLLHUP, a
 * socket whose peer shut down writing is EPOLLIN|EPOLLRDHUP, a pipe whose readers are gone is
 * EPOLLERR for the writer.
 */
final class KeventTranslation {
    private KeventTranslation() {
    }

    static int linuxEvents(short filter, int flags, long data, FileKind kind) {
        if ((flags & Kevents.EV_ERROR) != 0) {
            return ERR;
        }
        boolean eof = (flags & Kevents.EV_EOF) != 0;
        if (filter == Kevents.EVFILT_READ) {
            int readable = kind == FileKind.EVENTFD ? IN : IN | RDNORM;
            if (!eof) {
                return readable;
            }
            if (kind == FileKind.SOCKET) {
                return readable | RDHUP;
            }
            return HUP | (data > 0 ? readable : 0);
        }
        int writable = kind == FileKind.EVENTFD ? OUT : OUT | WRNORM;
        if (!eof) {
            return writable;
        }
        if (kind == FileKind.SOCKET) {
            return writable | HUP;
        }
        return ERR | (data > 0 ? writable : 0);
    }
}
