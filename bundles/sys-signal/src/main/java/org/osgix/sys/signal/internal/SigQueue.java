package org.osgix.sys.signal.internal;

import java.util.ArrayDeque;
import org.osgix.syscall.SignalNumbers;

/**
 * A pending set: a mask plus the siginfo of each pending signal (one for standard signals, a
 * queue for real-time ones). Guarded by the owning {@link SignalState}'s monitor,
 * which is told of every change (signalfd readiness follows the pending sets).
 */
final class SigQueue {
    private final SignalState owner;
    long mask;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<SigInfo>[] infos = new ArrayDeque[SignalNumbers.NSIG + 1];

    SigQueue(SignalState owner) {
        this.owner = owner;
    }

    /** Queues {@code info}; false when a standard signal was already pending (it merges). */
    boolean add(SigInfo info) {
        int sig = info.signo();
        if (sig < SignalNumbers.SIGRTMIN && (mask & Signals.bit(sig)) != 0) {
            return false;
        }
        if (infos[sig] == null) {
            infos[sig] = new ArrayDeque<>();
        }
        infos[sig].add(info);
        mask |= Signals.bit(sig);
        owner.pendingChanged();
        return true;
    }

    /** Dequeues one instance of {@code sig} (null when not pending). */
    SigInfo take(int sig) {
        ArrayDeque<SigInfo> q = infos[sig];
        SigInfo info = q == null ? null : q.poll();
        if (q == null || q.isEmpty()) {
            mask &= ~Signals.bit(sig);
            owner.pendingChanged();
        }
        return info;
    }

    void clear(int sig) {
        mask &= ~Signals.bit(sig);
        if (infos[sig] != null) {
            infos[sig].clear();
        }
        owner.pendingChanged();
    }
}
