package org.osgix.poll.kqueue.internal;

import static org.osgix.syscall.EpollFlags.EPOLLIN;
import static org.osgix.syscall.EpollFlags.EPOLL_CLOEXEC;
import static org.osgix.syscall.EpollFlags.EPOLL_CTL_ADD;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgix.host.Host;
import org.osgix.host.HostFdListener;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;

/**
 * kqueue's semantics on a Linux host, which has no kqueue: each kqueue is an {@link EmulatedKqueue}
 * over host epoll instances. Like a kernel, the port drops an ident's knotes when the ident is
 * closed; it learns of closes from the host layer ({@link HostFdListener}), which tells it before
 * any host fd is closed.
 */
final class EpollKqueuePort implements KqueuePort, HostFdListener {
    private final Host host;
    private final NativeMemory memory;
    private final Map<Integer, EmulatedKqueue> kqueues = new ConcurrentHashMap<>();

    EpollKqueuePort(Host host) {
        this.host = host;
        this.memory = host.memory();
        host.addHostFdListener(this);
    }

    @Override
    public int kqueue() {
        int kq = host.epollCreate1(EPOLL_CLOEXEC);
        if (kq < 0) {
            return kq;
        }
        int read = host.epollCreate1(EPOLL_CLOEXEC);
        int write = read < 0 ? read : host.epollCreate1(EPOLL_CLOEXEC);
        int error = write < 0 ? write : 0;
        if (error == 0) {
            error = watch(kq, read);
        }
        if (error == 0) {
            error = watch(kq, write);
        }
        if (error != 0) {
            closeQuietly(write);
            closeQuietly(read);
            closeQuietly(kq);
            return error;
        }
        kqueues.put(kq, new EmulatedKqueue(host, kq, read, write));
        return kq;
    }

    /** Makes {@code kq} readable while {@code filterEpoll} has events. */
    private int watch(int kq, int filterEpoll) {
        long event = memory.allocate(12);
        try {
            memory.putInt(event, EPOLLIN);
            memory.putLong(event + 4, filterEpoll);
            return Math.min(0, host.epollCtl(kq, EPOLL_CTL_ADD, filterEpoll, event));
        } finally {
            memory.free(event);
        }
    }

    private void closeQuietly(int fd) {
        if (fd >= 0) {
            host.close(fd);
        }
    }

    @Override
    public int kevent(int kq, KeventList changes, int nchanges, KeventList events, int nevents, long timeoutNanos) {
        EmulatedKqueue queue = kqueues.get(kq);
        if (queue == null) {
            return -Errno.EBADF;
        }
        if (nchanges < 0 || nevents < 0) {
            return -Errno.EINVAL;
        }
        if (events != null) {
            events.ensureCapacity(nevents);
        }
        int errors = nchanges == 0 ? 0 : queue.applyChanges(changes, nchanges, events, nevents);
        if (errors != 0 || nevents == 0) {
            return errors;
        }
        int n = queue.scan(events, 0, nevents);
        if (n != 0 || timeoutNanos == 0) {
            return n;
        }
        // block on the kqueue's own fd (outside the queue's lock), then take what arrived
        long deadline = System.nanoTime() + timeoutNanos;
        long buffer = memory.allocate(12);
        try {
            while (true) {
                long left = timeoutNanos < 0 ? -1 : Math.max(0, deadline - System.nanoTime());
                int millis = left < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
                int r = host.epollWait(kq, buffer, 1, millis);
                if (r < 0 && r != -Errno.EINTR) {
                    return r;
                }
                n = queue.scan(events, 0, nevents);
                if (n != 0 || (timeoutNanos >= 0 && deadline - System.nanoTime() <= 0)) {
                    return n;
                }
            }
        } finally {
            memory.free(buffer);
        }
    }

    @Override
    public int close(int kq) {
        EmulatedKqueue queue = kqueues.remove(kq);
        if (queue == null) {
            return -Errno.EBADF;
        }
        queue.dispose();
        for (int fd : queue.filterFds()) {
            host.close(fd);
        }
        return host.close(kq);
    }

    @Override
    public void closing(int hostFd) {
        if (kqueues.containsKey(hostFd)) {
            return; // a kqueue closed behind the port's back is cleaned up by close(kq) only
        }
        for (EmulatedKqueue queue : kqueues.values()) {
            queue.identClosing(hostFd);
        }
    }

    /** The emulated kqueue behind {@code kq} (tests). */
    EmulatedKqueue queue(int kq) {
        return kqueues.get(kq);
    }

    @Override
    public void close() {
        host.removeHostFdListener(this);
    }
}
