package org.osgix.sys.poll.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgix.fd.CloseListener;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.poll.PollEvents;
import org.osgix.poll.PollSet;

/**
 * What one epoll instance watches of one open file description: the guest registrations on it
 * (usually one; more when dup'ed numbers of the same file are registered) and the single backend
 * registration that serves them all, on the description's persistent host fd. It is the close
 * listener that drops them when the description is released. Guarded by the instance's lock.
 */
final class Watch implements CloseListener {
    final EpollInstance owner;
    final OpenFile file;
    final FileKind kind;
    final int hostFd;
    final List<Interest> interests = new ArrayList<>(1);
    /** The key the backend reports this watch's events with. */
    long key;

    /** The epoll instance this watch's file is (nested epoll), or null; nested watches are served by the family, not the backend. */
    final EpollInstance nested;
    /** Nested only: whether the inner instance was ready at the last harvest (edge detection). */
    boolean lastReady;

    /** Registered in the current backend set; what it asked for; whether it is still armed. */
    boolean registered;
    int backendEvents;
    boolean armedInBackend;

    Watch(EpollInstance owner, OpenFile file) {
        this.owner = owner;
        this.file = file;
        this.kind = file.kind();
        this.hostFd = file.hostFd();
        this.nested = kind == FileKind.EPOLL && file.attachment() instanceof EpollInstance e ? e : null;
    }

    @Override
    public void released(OpenFile released) {
        owner.watchReleased(this);
    }

    Interest interest(int fd) {
        for (Interest i : interests) {
            if (i.fd == fd) {
                return i;
            }
        }
        return null;
    }

    /**
     * What the backend must watch for the armed registrations: the union of their events, ET when
     * all are edge-triggered, ONESHOT when all are oneshot; 0 when none is armed.
     */
    int wantedEvents() {
        int union = 0;
        boolean allEdge = true;
        boolean allOneshot = true;
        boolean any = false;
        for (Interest i : interests) {
            if (i.armed) {
                any = true;
                union |= i.events & PollEvents.EVENT_BITS;
                allEdge &= i.has(PollEvents.ET);
                allOneshot &= i.has(PollEvents.ONESHOT);
            }
        }
        if (!any) {
            return 0;
        }
        return union | EpollBits.ALWAYS | (allEdge ? PollEvents.ET : 0) | (allOneshot ? PollEvents.ONESHOT : 0);
    }

    /**
     * Brings the backend registration in line with the armed registrations: registers, re-arms
     * ({@code rearm}: a guest MOD re-polls like Linux), or removes it when nothing is armed.
     *
     * @return 0 or the backend's negative errno
     */
    int sync(PollSet set, boolean rearm) {
        if (set == null || nested != null) {
            registered = false;
            return 0;
        }
        int wanted = wantedEvents();
        if (wanted == 0) {
            if (registered && armedInBackend) {
                set.remove(hostFd);
                registered = false;
            }
            return 0;
        }
        int r;
        if (!registered) {
            r = set.add(hostFd, kind, wanted, key);
            registered = r == 0;
        } else if (rearm || !armedInBackend || wanted != backendEvents) {
            r = set.modify(hostFd, kind, wanted, key);
        } else {
            return 0;
        }
        if (r == 0) {
            backendEvents = wanted;
            armedInBackend = true;
        }
        return r;
    }

    /** The backend reported this watch: a ONESHOT registration there is now disarmed. */
    void reportedByBackend() {
        if ((backendEvents & PollEvents.ONESHOT) != 0) {
            armedInBackend = false;
        }
    }

    /** Edge-triggered (and not oneshot) in the backend: a re-registration reports readiness the guest already had. */
    boolean edgeOnlyInBackend() {
        return (backendEvents & (PollEvents.ET | PollEvents.ONESHOT)) == PollEvents.ET;
    }

    /** The union of the armed registrations' event bits (0 when none is armed). */
    int armedEvents() {
        int union = 0;
        for (Interest i : interests) {
            if (i.armed) {
                union |= i.events;
            }
        }
        return union & PollEvents.EVENT_BITS;
    }

    /** Takes the registration out of the backend set (the set is going away or the watch is). */
    void unregister(PollSet set) {
        if (registered && set != null) {
            set.remove(hostFd);
        }
        registered = false;
        armedInBackend = false;
    }
}
