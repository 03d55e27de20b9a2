package org.osgix.engine;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One guest CPU with its view of memory. Guest addresses are host addresses: {@link #map} makes
 * host memory already mapped at {@code addr} visible to the guest with {@code prot}.
 *
 * <p>A machine is not thread-safe: exactly one thread at a time may call any method except
 * {@link #requestStop()}, which any thread may call at any time. The CPU state belongs to the
 * <i>loaded</i> context; {@link #save}/{@link #load} switch between guest threads.
 */
@ConsumerType
public interface Machine extends AutoCloseable {
    /** {@link #run()} results. */
    int EXIT_STOPPED = 0, EXIT_SYSCALL = 1, EXIT_SEGV = 2, EXIT_ILLEGAL = 3, EXIT_FPE = 4,
        EXIT_TRAP = 5, EXIT_HALT = 6;

    /** Makes {@code [addr, addr+len)} (page aligned) visible with {@code prot}: 0 or -errno. */
    int map(long addr, long len, int prot);

    /** Removes the range from the guest's view (the host memory stays). */
    int unmap(long addr, long len);

    /** Drops translated code for the range (host-side writes to guest code). */
    void flushCode(long addr, long len);

    /**
     * A new context as Linux starts a process: general registers zero, floating-point control at
     * its defaults (on x86_64: x87 control word 0x37f with every register empty, MXCSR 0x1f80).
     */
    CpuContext newContext();

    /** Saves the CPU state into {@code ctx}. */
    void save(CpuContext ctx);

    /** Loads {@code ctx} into the CPU. */
    void load(CpuContext ctx);

    long get(CpuRegister reg);

    void set(CpuRegister reg, long value);

    /**
     * Runs the loaded context from its PC until a stop request, a deferred syscall or a fault.
     *
     * @return one of the EXIT_ constants
     */
    int run();

    /** For EXIT_SEGV: the faulting guest address (or the PC when unknown). */
    long faultAddress();

    /** Asks a running {@link #run()} to return EXIT_STOPPED soon; safe from any thread. */
    void requestStop();

    @Override
    void close();
}
