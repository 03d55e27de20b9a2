package org.osgix.engine;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgix.arch.SyscallTable;

/**
 * A CPU engine: runs guest code of one architecture. Registered as a service with the
 * properties {@link #ARCH} and {@link #NAME}; the kernel picks one per launch by name.
 */
@ConsumerType
public interface CpuEngine {
    /** Service property: the guest architecture, e.g. "x86_64". */
    String ARCH = SyscallTable.ARCH;
    /** Service property: the engine's name, e.g. "native" or "unicorn" ({@code --engine=NAME}). */
    String NAME = "osgix.engine";

    String arch();

    String name();

    /** Null when this engine can run guests on this host, else why it cannot (one line). */
    String unavailableReason();

    /**
     * Creates a machine for one guest process.
     *
     * @throws IllegalStateException when the engine cannot run here ({@link #unavailableReason()})
     */
    Machine createMachine();
}
