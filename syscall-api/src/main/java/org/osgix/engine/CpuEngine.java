package org.osgix.engine;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A CPU engine (Unicorn today; a native engine later). One {@link Machine} runs one guest
 * process. Registered as a service with property {@link #ARCH}.
 */
@ConsumerType
public interface CpuEngine {
    /** Service property: the guest architecture, e.g. "x86_64". */
    String ARCH = "osgix.arch";

    String arch();

    /** Creates a machine whose syscall instructions are reported to {@code traps}. */
    Machine createMachine(TrapHandler traps);
}
