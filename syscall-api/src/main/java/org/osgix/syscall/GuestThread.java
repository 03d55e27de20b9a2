package org.osgix.syscall;

import java.util.function.Supplier;
import org.osgi.annotation.versioning.ProviderType;
import org.osgix.engine.CpuRegister;

/**
 * A guest thread. Each guest thread is a Java thread; guest instructions run one thread at a time
 * but handlers run concurrently.
 *
 * <p><b>Blocking:</b> a handler that waits must wait interruptibly: either with a Java wait that
 * throws {@link InterruptedException} (the kernel interrupts the Java thread on exit_group and,
 * later, signals) and then returns {@code -EINTR}, or with {@link #awaitHostFd} for host fds.
 */
@ProviderType
public interface GuestThread {
    int tid();

    GuestProcess process();

    /**
     * Per-thread state a family keeps (the thread family's clear-child-tid word and robust futex
     * list...): returns the instance for {@code key}, creating it with {@code init} on first use.
     * It dies with the thread. As {@link GuestProcess#state}, but for one thread.
     */
    <T> T state(Class<T> key, Supplier<T> init);

    /** Reads a register of this thread's CPU context. */
    long register(CpuRegister reg);

    /** Writes a register of this thread's CPU context (e.g. the TLS base for arch_prctl). */
    void setRegister(CpuRegister reg, long value);

    /**
     * The size of this thread's floating-point and vector state image (x86_64: the XSAVE layout a
     * signal frame's fpstate holds); 0 when the thread has none to offer (test doubles).
     */
    default int vectorStateSize() {
        return 0;
    }

    /** Copies the vector state image into {@code dst} (at least {@link #vectorStateSize()} bytes). */
    default void readVectorState(byte[] dst) {
    }

    /** Loads the vector state from an image in the same layout (the engine sanitizes it). */
    default void writeVectorState(byte[] src) {
    }

    /**
     * Waits until the host fd reports one of the poll(2) {@code events}, the timeout passes, or
     * the thread is interrupted.
     *
     * @param timeoutNanos negative for no timeout
     * @return the host revents (&gt; 0), 0 on timeout, or {@code -EINTR}
     */
    int awaitHostFd(int hostFd, int events, long timeoutNanos);

    /**
     * Sleeps on the host's own futex at {@code hostAddress} (a word of shared memory, which other
     * processes wake with host futex calls) while it holds {@code expected}, until a host wake
     * whose bitset meets {@code bitset}, the deadline ({@link System#nanoTime()} based, when
     * {@code timed}), or the thread is interrupted.
     *
     * @return 0 when woken, {@code -EAGAIN} when the word differs, {@code -ETIMEDOUT},
     *     {@code -EINTR}, {@code -EFAULT}, or {@code -ENOSYS} when the host cannot wait so
     */
    default int awaitHostFutex(long hostAddress, int expected, int bitset, boolean timed, long deadline) {
        return -Errno.ENOSYS;
    }

    /**
     * The continuation of the last call that ended with Linux's -ERESTART_RESTARTBLOCK (a relative
     * sleep or a timed futex wait, resumed at its original deadline), or null. When such a call is
     * interrupted and no handler runs, the signal family restarts it as restart_syscall, which runs
     * this; after a handler the call fails with EINTR instead.
     */
    default SyscallHandler restartBlock() {
        return null;
    }

    /** Records (or clears, with null) the continuation {@link #restartBlock()} returns. */
    default void setRestartBlock(SyscallHandler resume) {
    }

    /** True when a pending exit_group or a deliverable signal must end any wait of this thread. */
    boolean isInterrupted();

    /**
     * A signal became deliverable to this thread (safe from any thread): its waits end with
     * {@code -EINTR}, its guest code stops at the next point the engine can, and the kernel then
     * calls the {@code SignalDelivery} service on it. (Test doubles may ignore it.)
     */
    default void signalPending() {
    }

    /**
     * Ends this thread after the current syscall returns (the exit syscall); when it was the last
     * thread the process exits with {@code status}. The caller (the thread family) has already
     * cleared and futex-woken the clear-child-tid word: the kernel knows nothing of futexes.
     */
    void exit(int status);

    /**
     * The name PR_SET_NAME gave this thread (at most 15 bytes, what its comm shows), or null while
     * it has none of its own: then its name is the process's command name. A new thread starts
     * with its creator's; execve clears it.
     */
    default byte[] name() {
        return null;
    }

    /** Names this thread (PR_SET_NAME). */
    default void setName(byte[] name) {
        throw new UnsupportedOperationException("this thread keeps no name");
    }

    /** Starts a thread created by {@link GuestProcess#newThread}. */
    void start();
}
