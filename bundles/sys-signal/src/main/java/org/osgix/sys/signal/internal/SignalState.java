package org.osgix.sys.signal.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgix.syscall.SignalNumbers;

/**
 * One process's signal state: a disposition per signal (shared by all threads), and per thread a
 * blocked mask, a pending set and an alternate stack. Guarded by this object's monitor, which
 * is also what rt_sigtimedwait waits on (senders notify it).
 */
final class SignalState {
    /** A kernel {@code struct sigaction}: handler, flags, restorer, mask. */
    record Disposition(long handler, long flags, long restorer, long mask) {
        static final Disposition DEFAULT = new Disposition(Signals.SIG_DFL, 0, 0, 0);

        boolean ignores(int sig) {
            return handler == Signals.SIG_IGN
                || (handler == Signals.SIG_DFL && Signals.defaultAction(sig) != Signals.DefaultAction.TERMINATE);
        }
    }

    /** Per-thread state. */
    static final class ThreadSignals {
        long blocked;
        final SigQueue pending;
        long altStackSp;
        int altStackFlags = SigAltStack.SS_DISABLE;
        long altStackSize;
        /** A mask rt_sigsuspend (or a p* wait) replaced until the next delivery or its return. */
        long savedMask;
        boolean restoreMask;

        ThreadSignals(SignalState owner) {
            pending = new SigQueue(owner);
        }

        boolean onAltStack(long sp) {
            return altStackSize != 0 && sp - altStackSp >= 0 && sp - altStackSp < altStackSize;
        }
    }

    private final Disposition[] dispositions = new Disposition[SignalNumbers.NSIG + 1];
    private final Map<Integer, ThreadSignals> threads = new ConcurrentHashMap<>();
    /** Process-directed signals not yet taken by a thread. */
    final SigQueue processPending = new SigQueue(this);
    /** The process's open signalfds, kept in step with the pending sets. */
    private final java.util.List<SignalFd> signalFds = new java.util.ArrayList<>();

    SignalState() {
        java.util.Arrays.fill(dispositions, Disposition.DEFAULT);
    }

    synchronized Disposition disposition(int sig) {
        return dispositions[sig];
    }

    synchronized void setDisposition(int sig, Disposition d) {
        dispositions[sig] = d;
    }

    synchronized void discardPending(int sig) {
        processPending.clear(sig);
        threads.values().forEach(t -> t.pending.clear(sig));
    }

    /**
     * execve: handled signals go back to SIG_DFL (ignored ones stay ignored, SA flags and masks
     * are dropped with the handler), only the caller's per-thread state survives, under the pid,
     * with its mask and pending signals but no alternate stack.
     */
    synchronized void exec(int formerTid, int pid) {
        for (int sig = 1; sig < dispositions.length; sig++) {
            if (dispositions[sig].handler() != Signals.SIG_IGN) {
                dispositions[sig] = Disposition.DEFAULT;
            }
        }
        ThreadSignals caller = thread(formerTid);
        threads.clear();
        caller.altStackSp = 0;
        caller.altStackSize = 0;
        caller.altStackFlags = SigAltStack.SS_DISABLE;
        threads.put(pid, caller);
    }

    ThreadSignals thread(int tid) {
        return threads.computeIfAbsent(tid, t -> new ThreadSignals(this));
    }

    /**
     * Dequeues the lowest signal of {@code set} pending for thread {@code t}, or else for the
     * process (Linux's dequeue_signal); null when none is. Under the monitor.
     */
    SigInfo take(ThreadSignals t, long set) {
        long own = t.pending.mask & set;
        if (own != 0) {
            return t.pending.take(Long.numberOfTrailingZeros(own) + 1);
        }
        long shared = processPending.mask & set;
        return shared == 0 ? null : processPending.take(Long.numberOfTrailingZeros(shared) + 1);
    }

    /** Under the monitor. */
    void addSignalFd(SignalFd fd) {
        signalFds.add(fd);
        fd.refresh();
    }

    /** Under the monitor. */
    void removeSignalFd(SignalFd fd) {
        signalFds.remove(fd);
        fd.released();
    }

    /** A pending set changed (under the monitor): every signalfd's readiness follows. */
    void pendingChanged() {
        for (int i = 0; i < signalFds.size(); i++) {
            signalFds.get(i).refresh();
        }
    }

    /** The signals thread {@code t} can take now (under the monitor). */
    long deliverable(ThreadSignals t) {
        return (t.pending.mask | processPending.mask) & ~t.blocked;
    }
}
