package org.osgix.engine;

import org.osgi.annotation.versioning.ConsumerType;

/** Saved CPU state of one guest thread (registers, flags, vector state, TLS bases). */
@ConsumerType
public interface CpuContext extends AutoCloseable {
    /** Frees the native memory behind the context. */
    @Override
    void close();
}
