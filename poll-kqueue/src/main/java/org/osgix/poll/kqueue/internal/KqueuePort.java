package org.osgix.poll.kqueue.internal;

/**
 * kqueue(2) and kevent(2), whatever provides them. Errors are negative Linux errnos, also in the
 * {@code data} of EV_ERROR entries. Descriptors are closed through {@link #close(int)} (which goes
 * through the host layer), never directly.
 */
interface KqueuePort extends AutoCloseable {
    /** A new kqueue: its fd (pollable: readable while events are pending), or a negative errno. */
    int kqueue();

    /**
     * kevent(2): applies {@code changes[0, nchanges)} in order, then, unless a change produced an
     * EV_ERROR entry (an error, or any change with EV_RECEIPT), waits up to {@code timeoutNanos}
     * (negative: forever) for events and fills up to {@code nevents} of {@code events}.
     *
     * @return the number of entries filled, or a negative errno (e.g. a failed change with no room
     *     to report it)
     */
    int kevent(int kq, KeventList changes, int nchanges, KeventList events, int nevents, long timeoutNanos);

    /** Closes a kqueue made by {@link #kqueue()}. */
    int close(int kq);

    /** Detaches the port from the host (its kqueues must be closed already). */
    @Override
    void close();
}
