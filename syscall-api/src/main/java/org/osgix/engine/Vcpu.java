package org.osgix.engine;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One guest thread's CPU. {@link #run()} is called by the thread that owns the vCPU (always the
 * same host thread); {@link #requestStop()} from any thread; the other methods by the owner, or by
 * another thread while the owner is not running it (a new thread's registers are set up by its
 * parent).
 */
@ConsumerType
public interface Vcpu extends AutoCloseable {
    long get(CpuRegister reg);

    void set(CpuRegister reg, long value);

    /**
     * The size of this vCPU's floating-point and vector state image: on x86_64 the XSAVE layout
     * (the 512-byte FXSAVE region, the 64-byte XSAVE header, then the enabled components), as a
     * signal frame's {@code fpstate} holds it.
     */
    int vectorStateSize();

    /** Copies the vector state image into {@code dst} (at least {@link #vectorStateSize()} bytes). */
    void readVectorState(byte[] dst);

    /** Loads the vector state from an image in the same layout (rt_sigreturn). */
    void writeVectorState(byte[] src);

    /** Copies {@code other}'s registers and vector state into this vCPU (clone). */
    void copyFrom(Vcpu other);

    /**
     * Runs guest code from the PC until a stop request, a deferred syscall or a fault.
     *
     * @return one of the {@code Machine.EXIT_} constants
     */
    int run();

    /** After EXIT_SEGV or EXIT_BUS: the faulting guest address (or the PC when unknown). */
    long faultAddress();

    /**
     * After a fault exit: the Linux si_code of the fault (SEGV_MAPERR, SEGV_ACCERR, FPE_INTDIV,
     * ...), or 0 when the engine does not know it.
     */
    default int faultCode() {
        return 0;
    }

    /** Makes a running or the next {@link #run()} return EXIT_STOPPED soon; safe from any thread. */
    void requestStop();

    @Override
    void close();
}
