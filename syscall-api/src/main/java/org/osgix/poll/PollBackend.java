package org.osgix.poll;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A host readiness mechanism, registered as a service. The poll family keeps every guest interest
 * list itself and uses a backend only to learn when host fds become ready; it follows the
 * backend with the highest {@code service.ranking} (or the one a process names with the launch
 * option "poll") and moves live sets to another backend when that choice changes.
 */
@ConsumerType
public interface PollBackend {
    /** Service property: the backend's name, e.g. "epoll" or "kqueue" (what --poll= selects). */
    String NAME = "osgix.poll.name";

    /** The backend's name (equal to the {@link #NAME} property). */
    String name();

    /**
     * Opens a new, empty interest set.
     *
     * @throws PollException when the host refuses (e.g. EMFILE, ENOMEM)
     */
    PollSet open() throws PollException;
}
