package org.osgix.sys.poll.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Constants;
import org.osgix.fd.FdTable;
import org.osgix.fd.table.internal.LinuxFdTableFactory;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.poll.PollBackend;
import org.osgix.poll.epoll.internal.EpollBackend;
import org.osgix.poll.kqueue.internal.KqueueBackend;
import org.osgix.syscall.support.Ranked;
import org.osgix.test.support.FakeBundleContext;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.Guest;
import org.osgix.test.support.PagedMemory;
import org.osgix.test.support.PollingThread;

/**
 * The family's test guest: test-support's {@link Guest} with the family registered over the real
 * host layer and descriptor table, the two real backends (made through their component
 * constructors) to offer it, and helpers that speak the syscalls.
 */
final class PollGuest implements AutoCloseable {
    static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    static final int EFD_NONBLOCK = 0x800;

    /** A backend and the ranking its component registered it with. */
    record Offered(PollBackend backend, int ranking, long serviceId) {
    }

    private final Guest guest;
    final Host host;
    final FdTable fds;
    final PagedMemory memory;
    final FakeProcess process;
    final PollingThread thread;
    final FakeBundleContext framework;
    final EpollRegistry registry;
    private final long scratch;
    final Offered epoll;
    final Offered kqueue;

    PollGuest() {
        Host posix = new PosixHost();
        EpollRegistry epolls = new EpollRegistry(posix);
        guest = new Guest(posix, new LinuxFdTableFactory(posix).newTable(20_000), 1024, "/test", // 4 MiB
            (registrations, h) -> PollFamily.register(registrations, h, epolls));
        host = guest.host;
        fds = guest.fds;
        memory = guest.memory;
        process = guest.process;
        thread = guest.thread;
        framework = guest.framework;
        registry = epolls;
        scratch = alloc(4096);
        List<Offered> offered = new ArrayList<>();
        FakeBundleContext backends = new FakeBundleContext(); // records the PollBackend services
        backends.setWhiteboard((service, props) -> offered.add(new Offered((PollBackend) service,
            (Integer) props.get(Constants.SERVICE_RANKING), (Long) props.get(Constants.SERVICE_ID))));
        new EpollBackend(backends.context(), host);
        new KqueueBackend(backends.context(), host);
        epoll = offered.stream().filter(o -> o.backend.name().equals("epoll")).findFirst().orElseThrow();
        kqueue = offered.stream().filter(o -> o.backend.name().equals("kqueue")).findFirst().orElseThrow();
    }

    void offer(Offered o) {
        registry.backendAdded(new Ranked<>(o.backend, o.ranking, o.serviceId));
    }

    void withdraw(Offered o) {
        registry.backendRemoved(o.backend);
    }

    /** Calls a registered handler as the dispatcher does (GuestFault → -EFAULT). */
    long call(String name, long... args) {
        return guest.call(name, args);
    }

    long call(PollingThread caller, String name, long... args) {
        return guest.call(caller, name, args);
    }

    /** {@code bytes} of zeroed guest memory, 16-byte aligned (threads may allocate concurrently). */
    long alloc(long bytes) {
        return guest.alloc(bytes);
    }
    int epollCreate() {
        return (int) call("epoll_create1", 0);
    }

    /** epoll_ctl with an epoll_event built in guest memory (each call its own, so threads may race). */
    long ctl(int ep, int op, int fd, int events, long data) {
        long ev = alloc(16);
        memory.writeInt(ev, events);
        memory.writeLong(ev + 4, data);
        return call("epoll_ctl", ep, op, fd, ev);
    }

    /** epoll_wait into a fresh buffer: the events as {events, data} pairs, or an errno as a single entry. */
    List<long[]> await(PollingThread caller, int ep, int max, int timeoutMillis) {
        long buf = alloc(12L * max);
        long n = call(caller, "epoll_wait", ep, buf, max, timeoutMillis);
        List<long[]> out = new ArrayList<>();
        if (n < 0) {
            out.add(new long[] {n});
            return out;
        }
        for (int i = 0; i < n; i++) {
            out.add(new long[] {memory.readInt(buf + 12L * i), memory.readLong(buf + 12L * i + 4)});
        }
        return out;
    }

    List<long[]> await(int ep, int max, int timeoutMillis) {
        return await(thread, ep, max, timeoutMillis);
    }

    int eventfd(int value, int flags) {
        return (int) call("eventfd2", value, flags);
    }

    /** Adds {@code value} to an eventfd's counter, on the host fd as the io family would. */
    void add(int fd, long value) {
        long buf = host.memory().allocate(8);
        try {
            host.memory().putLong(buf, value);
            long r = host.write(fds.get(fd).file().hostFd(), buf, 8);
            if (r != 8) {
                throw new AssertionError("eventfd write: " + r);
            }
        } finally {
            host.memory().free(buf);
        }
    }

    /** Reads an eventfd's counter (0 when it is empty and non-blocking). */
    long take(int fd) {
        long buf = host.memory().allocate(8);
        try {
            long r = host.read(fds.get(fd).file().hostFd(), buf, 8);
            return r == 8 ? host.memory().getLong(buf) : 0;
        } finally {
            host.memory().free(buf);
        }
    }

    int close(int fd) {
        return fds.close(fd);
    }

    /** Guest scratch memory shared by single-threaded helpers. */
    long scratch() {
        return scratch;
    }

    @Override
    public void close() {
        guest.close();
    }
}
