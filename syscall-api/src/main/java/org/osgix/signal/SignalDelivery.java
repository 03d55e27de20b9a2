package org.osgix.signal;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/**
 * Delivers signals to guest threads (provided by the signal family, called by the kernel). The
 * kernel calls {@link #deliver} on the thread itself, outside the engine's trap, after
 * {@link GuestThread#signalPending()} was called for it: after a syscall (its result already in
 * the result register) or when its guest code was stopped. Delivering means building the signal
 * frame and pointing the registers at the handler, or taking the default action.
 */
@ConsumerType
public interface SignalDelivery {
    /**
     * Delivers what is pending and not blocked for {@code thread}.
     *
     * @param call the syscall that just returned, or null when guest code was stopped elsewhere
     * @param number that syscall's number (to restart it), or -1
     * @param result that syscall's result (-EINTR: interrupted, restarted per SA_RESTART)
     */
    void deliver(GuestThread thread, SyscallContext call, int number, long result);

    /**
     * A signal from outside the guest (the user's Ctrl-C or kill of the emulator): sent to the
     * process as kill(2) sends it (SI_USER).
     */
    void send(org.osgix.syscall.GuestProcess process, int signal);

    /**
     * A signal the kernel raises for the calling thread itself (SIGPIPE after EPIPE), as Linux's
     * send_sig does: thread-directed, SI_USER.
     */
    void raise(GuestThread thread, int signal);

    /**
     * Puts {@code mask} in force for a wait (ppoll, pselect6, epoll_pwait): the thread's mask is
     * saved, and comes back at {@link #endWaitMask} or, after an interrupted wait, when the
     * handler returns (its frame holds the saved mask).
     */
    void beginWaitMask(GuestThread thread, long mask);

    /** Ends a wait begun with {@link #beginWaitMask}; {@code result} is the call's result. */
    void endWaitMask(GuestThread thread, long result);

    /**
     * A synchronous fault in guest code (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP) at the
     * current PC.
     *
     * @param code the Linux si_code (SEGV_MAPERR, SEGV_ACCERR, FPE_INTDIV, ...), 0 when unknown
     * @param address si_addr
     * @return true when a guest handler will run; false when the fault must kill the process
     */
    boolean fault(GuestThread thread, int signal, int code, long address);

    /**
     * A thread was created by {@code parent} (before it runs): it starts with the parent's blocked
     * mask, as a clone on Linux does, so a signal every thread blocks never lands on it.
     */
    default void threadCreated(GuestThread parent, GuestThread child) {
    }

    /**
     * After execve's point of no return, once the other threads are gone: handled signals go back
     * to their default action (ignored ones stay ignored), the alternate stack is cleared, POSIX
     * timers are deleted; the mask and pending signals are kept. {@code thread} is the thread
     * that called execve, which had thread id {@code formerTid} and now has the pid.
     */
    default void exec(GuestThread thread, int formerTid) {
    }

    /**
     * A signal about another process with its siginfo (SIGCHLD: {@code code} CLD_EXITED,
     * CLD_KILLED or CLD_DUMPED, the child's pid and uid, its exit status or signal).
     */
    default void sendFrom(org.osgix.syscall.GuestProcess process, int signal, int code, int pid, int uid, int status) {
        send(process, signal);
    }

    /** What execve keeps of {@code thread}'s signal state: {the set of ignored signals, its blocked mask}. */
    default long[] execState(GuestThread thread) {
        return new long[2];
    }

    /** Gives a process that starts after execve the ignored signals and the main thread's mask it inherits. */
    default void inheritExecState(org.osgix.syscall.GuestProcess process, int tid, long ignored, long blocked) {
    }

    /** True when SIGCHLD is ignored or has SA_NOCLDWAIT: the process's children never become zombies. */
    default boolean reapsChildren(org.osgix.syscall.GuestProcess process) {
        return false;
    }

    /** What fork copies of {@code thread}'s signal state (dispositions, its mask, its alternate stack), opaque. */
    default long[] forkState(GuestThread thread) {
        return new long[0];
    }

    /** Gives a forked process's thread {@code tid} the state {@link #forkState} took. */
    default void inheritForkState(org.osgix.syscall.GuestProcess process, int tid, long[] state) {
    }
}
