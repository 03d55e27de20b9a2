package org.osgix.engine;

import org.osgi.annotation.versioning.ProviderType;

/** Receives the guest's syscall instructions from a running {@link Vcpu}. */
@ProviderType
public interface TrapHandler {
    /** Returned by {@link #onSyscall} to leave {@link Vcpu#run()} with the syscall pending. */
    long DEFER = Long.MIN_VALUE;

    /**
     * Called on the running thread, inside {@link Vcpu#run()}, for a syscall instruction. The
     * PC already points past the instruction, and RCX and R11 hold what Linux's syscall entry
     * leaves there (the return address and the flags).
     *
     * @return the result to place in the result register, or {@link #DEFER} to make {@code run}
     *     return {@link Machine#EXIT_SYSCALL} without touching the result register
     */
    long onSyscall(long number, long a0, long a1, long a2, long a3, long a4, long a5);
}
