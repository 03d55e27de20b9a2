package org.osgix.host;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when the host layer closes a host fd (a kqueue port drops the fd's knotes, as a real
 * kernel does when an ident closes).
 */
@ConsumerType
@FunctionalInterface
public interface HostFdListener {
    /** Called just before the host fd is closed. */
    void closing(int hostFd);
}
