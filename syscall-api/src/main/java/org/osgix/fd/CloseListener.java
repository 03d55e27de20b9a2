package org.osgix.fd;

import org.osgi.annotation.versioning.ConsumerType;

/** Told when an open file description is released (e.g. so epoll drops its registrations). */
@ConsumerType
@FunctionalInterface
public interface CloseListener {
    /** Called once, on the thread that dropped the last reference, before the host fd closes. */
    void released(OpenFile file);
}
