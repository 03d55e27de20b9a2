package org.osgix.sys.signal.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One process's signal state: a disposition per signal (shared by all threads), and per thread a
 * blocked mask, a pending set and an alternate stack. Guarded by this object's monitor.
 */
final class SignalState {
    /** A kernel {@code struct sigaction}: handler, flags, restorer, mask. */
    record Disposition(long handler, long flags, long restorer, long mask) {
        static final Disposition DEFAULT = new Disposition(Signals.SIG_DFL, 0, 0, 0);
    }

    /** Per-thread state. */
    static final class ThreadSignals {
        long blocked;
        long pending;
        long altStackSp;
        int altStackFlags = SigAltStack.SS_DISABLE;
        long altStackSize;
    }

    private final Disposition[] dispositions = new Disposition[Signals.MAX + 1];
    private final Map<Integer, ThreadSignals> threads = new ConcurrentHashMap<>();
    /** Process-directed signals no thread could take yet. */
    long processPending;

    SignalState() {
        java.util.Arrays.fill(dispositions, Disposition.DEFAULT);
    }

    synchronized Disposition disposition(int sig) {
        return dispositions[sig];
    }

    synchronized void setDisposition(int sig, Disposition d) {
        dispositions[sig] = d;
    }

    /**
     * True when some live thread does not block {@code sig} (a thread that never changed its mask
     * blocks nothing), so a process-directed signal is delivered now.
     */
    boolean anyThreadAccepts(org.osgix.syscall.GuestProcess process, int sig) {
        int tracked = 0;
        for (Map.Entry<Integer, ThreadSignals> e : threads.entrySet()) {
            if (process.thread(e.getKey()) != null) {
                tracked++;
                if ((e.getValue().blocked & Signals.bit(sig)) == 0) {
                    return true;
                }
            }
        }
        return tracked < process.threadCount();
    }

    synchronized void discardPending(int sig) {
        processPending &= ~Signals.bit(sig);
        threads.values().forEach(t -> t.pending &= ~Signals.bit(sig));
    }

    ThreadSignals thread(int tid) {
        return threads.computeIfAbsent(tid, t -> new ThreadSignals());
    }
}
