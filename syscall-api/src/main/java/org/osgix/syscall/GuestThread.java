package org.osgix.syscall;

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

    /** The address set by set_tid_address / CLONE_CHILD_CLEARTID (0 if none). */
    long clearChildTid();

    void setClearChildTid(long addr);

    /** The robust futex list head and length set by set_robust_list. */
    long robustListHead();

    long robustListLength();

    void setRobustList(long head, long len);

    /** Reads a register of this thread's CPU context. */
    long register(CpuRegister reg);

    /** Writes a register of this thread's CPU context (e.g. the TLS base for arch_prctl). */
    void setRegister(CpuRegister reg, long value);

    /**
     * Waits until the host fd reports one of the poll(2) {@code events}, the timeout passes, or
     * the thread is interrupted.
     *
     * @param timeoutNanos negative for no timeout
     * @return the host revents (&gt; 0), 0 on timeout, or {@code -EINTR}
     */
    int awaitHostFd(int hostFd, int events, long timeoutNanos);

    /** True when a pending exit_group (or, later, a signal) must end any wait of this thread. */
    boolean isInterrupted();

    /**
     * Ends this thread after the current syscall returns (the exit syscall); when it was the last
     * thread the process exits with {@code status}. The caller (the thread family) has already
     * cleared and futex-woken {@link #clearChildTid()}: the kernel knows nothing of futexes.
     */
    void exit(int status);

    /** Starts a thread created by {@link GuestProcess#newThread}. */
    void start();
}
