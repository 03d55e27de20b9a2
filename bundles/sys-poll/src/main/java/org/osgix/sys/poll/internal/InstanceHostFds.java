package org.osgix.sys.poll.internal;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.poll.PollEvents;
import org.osgix.poll.PollException;
import org.osgix.syscall.EpollFlags;

/**
 * The host fds of one epoll instance and the few host calls on them: the <em>core</em> (a host
 * epoll holding the backend set's readiness fd and the wake eventfd, level-triggered), the wake
 * eventfd (posted while the family holds events), and the optional <em>proxy</em> (a host epoll
 * holding the core and, edge-triggered, descendants' cores). Callers serialise access (the
 * instance's lock), except {@link #waitFd()}.
 */
final class InstanceHostFds {
    private static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    private static final int DRAIN_EVENTS = 32;
    private static final int SCRATCH = 32 + DRAIN_EVENTS * EpollFlags.EPOLL_EVENT_SIZE;

    private final Host host;
    private final NativeMemory memory;
    /** The description's host fd (owned and closed by the descriptor table). */
    final int core;
    private final int wake;
    private volatile int proxy = -1;
    /** epoll_event (0), wake counter (16), pollfd (24), drained events (32...). */
    private final long scratch;

    private InstanceHostFds(Host host, int core, int wake) {
        this.host = host;
        this.memory = host.memory();
        this.core = core;
        this.wake = wake;
        this.scratch = memory.allocate(SCRATCH);
    }

    /** A core holding a fresh wake eventfd. */
    static InstanceHostFds create(Host host) throws PollException {
        int core = host.epollCreate1(EpollFlags.EPOLL_CLOEXEC);
        if (core < 0) {
            throw new PollException(-core, "epoll_create1");
        }
        int wake = host.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (wake < 0) {
            host.close(core);
            throw new PollException(-wake, "eventfd");
        }
        InstanceHostFds fds = new InstanceHostFds(host, core, wake);
        try {
            fds.addToCore(wake);
        } catch (PollException e) {
            fds.close();
            host.close(core);
            throw e;
        }
        return fds;
    }

    private int control(int epoll, int op, int fd, int events) {
        memory.putInt(scratch, events);
        memory.putLong(scratch + 4, fd);
        return host.epollCtl(epoll, op, fd, scratch);
    }

    void addToCore(int fd) throws PollException {
        int r = control(core, EpollFlags.EPOLL_CTL_ADD, fd, PollEvents.IN);
        if (r < 0) {
            throw new PollException(-r, "epoll_ctl");
        }
    }

    void removeFromCore(int fd) {
        control(core, EpollFlags.EPOLL_CTL_DEL, fd, 0);
    }

    /** Makes the core readable (the family holds events). */
    void postWake() {
        memory.putLong(scratch + 16, 1);
        host.write(wake, scratch + 16, 8);
    }

    void resetWake() {
        host.read(wake, scratch + 16, 8);
    }

    /** The host's poll(2) of {@code fd} for {@code events} now: its revents. */
    int poll(int fd, int events) {
        long pollfd = scratch + 24;
        memory.putInt(pollfd, fd);
        memory.putInt(pollfd + 4, events & 0xffff);
        int r = host.poll(pollfd, 1, 0);
        return r > 0 ? memory.getInt(pollfd + 4) >>> 16 : 0;
    }

    /** The host fd a waiter blocks on: the proxy once there is one, else the core. */
    int waitFd() {
        int p = proxy;
        return p >= 0 ? p : core;
    }

    /** Creates the proxy if there is none; false when the host refuses (waiters keep the core). */
    boolean ensureProxy() {
        if (proxy >= 0) {
            return true;
        }
        int p = host.epollCreate1(EpollFlags.EPOLL_CLOEXEC);
        if (p < 0) {
            return false;
        }
        if (control(p, EpollFlags.EPOLL_CTL_ADD, core, PollEvents.IN) < 0) {
            host.close(p);
            return false;
        }
        proxy = p;
        return true;
    }

    /** Adds a descendant's core to the proxy, edge-triggered: true on success. */
    boolean addToProxy(int descendantCore) {
        return control(proxy, EpollFlags.EPOLL_CTL_ADD, descendantCore, PollEvents.IN | PollEvents.ET) == 0;
    }

    void removeFromProxy(int descendantCore) {
        control(proxy, EpollFlags.EPOLL_CTL_DEL, descendantCore, 0);
    }

    /**
     * Consumes the proxy's edge-triggered reports of descendants, so a waiter sleeps again until
     * something new happens below; true when there was such a report.
     */
    boolean drainProxy() {
        int p = proxy;
        if (p < 0) {
            return false;
        }
        long events = scratch + 32;
        boolean descendant = false;
        int got;
        do {
            got = host.epollWait(p, events, DRAIN_EVENTS, 0);
            for (int i = 0; i < got; i++) {
                if (memory.getLong(events + (long) i * EpollFlags.EPOLL_EVENT_SIZE + 4) != core) {
                    descendant = true;
                }
            }
        } while (got == DRAIN_EVENTS);
        return descendant;
    }

    /** Closes the wake eventfd and the proxy (the core is the descriptor table's). */
    void close() {
        host.close(wake);
        if (proxy >= 0) {
            host.close(proxy);
            proxy = -1;
        }
        memory.free(scratch);
    }
}
