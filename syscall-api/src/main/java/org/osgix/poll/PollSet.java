package org.osgix.poll;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgix.fd.FileKind;

/**
 * One interest set of a backend: host fds, each with the events wanted and an opaque key that
 * comes back with its events. Registrations are keyed by the host fd, which must be the
 * description's persistent host fd (never a transient dup), so at most one registration per host
 * fd. A set does not notice a host fd being closed: callers remove registrations first.
 *
 * <p>Calls on one set may come from several threads, never concurrently: the caller serialises
 * them. Methods return 0 or a negative Linux errno.
 */
@ConsumerType
public interface PollSet extends AutoCloseable {
    /**
     * Starts watching {@code hostFd} for {@code events} ({@link PollEvents} event bits, plus
     * {@link PollEvents#ET} and {@link PollEvents#ONESHOT}); ERR and HUP are always reported.
     *
     * @param kind what the host fd is (a translating backend needs it to map end-of-file)
     * @return 0, {@code -EEXIST} when it is already registered, or the host's errno
     */
    int add(int hostFd, FileKind kind, int events, long key);

    /** Changes a registration's events and key and re-arms it (after a ONESHOT report); {@code -ENOENT} if absent. */
    int modify(int hostFd, FileKind kind, int events, long key);

    /** Stops watching {@code hostFd}: 0 or {@code -ENOENT}. */
    int remove(int hostFd);

    /**
     * A host fd that polls readable while events may be collected; fixed for the set's life. Waiters
     * block on it (interruptibly, e.g. with {@code GuestThread.awaitHostFd}) and then {@link #collect}.
     */
    int readinessFd();

    /**
     * Takes up to {@code max} ready registrations without blocking: their keys and events (event
     * bits only). A registration appears at most once per call. Level-triggered registrations are
     * reported again by later calls while they stay ready; edge-triggered ones once per change;
     * ONESHOT ones once, then not until {@link #modify}.
     *
     * @return how many entries of {@code keys} and {@code events} were filled, or a negative errno
     */
    int collect(long[] keys, int[] events, int max);

    /** Closes the set and every host fd it owns (through the host layer); safe to call twice. */
    @Override
    void close();
}
