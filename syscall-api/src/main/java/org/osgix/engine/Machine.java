package org.osgix.engine;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The CPU side of one guest process: its view of memory and its virtual CPUs. Guest addresses are
 * host addresses: {@link #map} makes host memory already mapped at {@code addr} usable by guest
 * code with {@code prot}.
 *
 * <p>Memory-view changes happen under {@link #lock()}. With a {@linkplain #sharedCpu() shared
 * CPU} the lock is the CPU itself: no guest code runs while it is held. Otherwise (guest code
 * running natively, each thread on its own host thread) it only orders the changes, and guest
 * threads keep running, as on Linux.
 */
@ConsumerType
public interface Machine extends AutoCloseable {
    /** {@link Vcpu#run()} results. */
    int EXIT_STOPPED = 0, EXIT_SYSCALL = 1, EXIT_SEGV = 2, EXIT_ILLEGAL = 3, EXIT_FPE = 4,
        EXIT_TRAP = 5, EXIT_HALT = 6, EXIT_BUS = 7;

    /**
     * {@link #map} flag: the range is a shared mapping, of a file or of memory other processes map
     * (never written behind their back).
     */
    int MAP_SHARED_FILE = 1;

    /**
     * Makes {@code [addr, addr+len)} (page aligned) usable with {@code prot}, replacing what the
     * guest could do there before: 0 or -errno.
     */
    int map(long addr, long len, int prot, int flags);

    /** Removes the range from the guest's view (the host memory stays). */
    int unmap(long addr, long len);

    /** Drops translated code for the range (host-side writes to guest code). */
    void flushCode(long addr, long len);

    /**
     * True when guest code runs on the host's pages with the host's protections: the host
     * protection of guest memory must then be the guest's own, and a page the guest cannot
     * access must not be accessible on the host either.
     */
    boolean hostProtections();

    /**
     * True when {@link Vcpu#requestStop()} stops running guest code at an exact instruction
     * boundary with every register saved, so the kernel may stop a thread to deliver a signal;
     * otherwise signals wait for the thread's next syscall.
     */
    default boolean preciseStops() {
        return false;
    }

    /** True when the guest threads of this machine take turns on one CPU. */
    boolean sharedCpu();

    /** With a shared CPU: another thread waits to run guest code. */
    boolean cpuContended();

    /** Takes the machine for a memory-view change (reentrant). */
    void lock();

    void unlock();

    /**
     * A CPU for a new guest thread, as Linux starts a process: general registers zero,
     * floating-point control at its defaults (on x86_64: x87 control word 0x37f with every
     * register empty, MXCSR 0x1f80). Its syscall instructions are reported to {@code traps}.
     */
    Vcpu newVcpu(TrapHandler traps);

    @Override
    void close();

    /**
     * Memory the engine placed among the guest's own (the native engine's stubs of rewritten
     * syscall sites) that a forked copy of the guest's memory needs too: {address, length} pairs.
     * Call under {@link #lock()}.
     */
    default long[] forkRegions() {
        return new long[0];
    }

    /**
     * In a forked child, before its guest code runs: recreates one of the parent's
     * {@link #forkRegions} at the same address from its bytes. False when the address is taken.
     */
    default boolean adoptForkRegion(long address, byte[] bytes) {
        return false;
    }
}
