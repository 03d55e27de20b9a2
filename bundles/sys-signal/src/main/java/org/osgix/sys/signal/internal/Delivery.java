package org.osgix.sys.signal.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.osgix.syscall.GuestProcess;

/**
 * Acts on a signal sent to this process. Default actions are exact: terminate kills the process
 * with the signal (status 128+N), ignore drops it; a blocked signal stays pending until
 * unblocked. Running a guest handler needs a signal frame on the guest stack, which osgix does
 * not build yet: such a signal stays pending, and the first one is reported on stderr.
 */
final class Delivery {
    private static final AtomicBoolean HANDLER_WARNED = new AtomicBoolean();

    private Delivery() {
    }

    /** Delivers {@code sig} to thread {@code tid} (tgkill), or to the process when tid is 0. */
    static void send(GuestProcess process, SignalState state, int tid, int sig) {
        synchronized (state) {
            if (tid != 0) {
                SignalState.ThreadSignals t = state.thread(tid);
                if ((t.blocked & Signals.bit(sig)) != 0 && !Signals.unblockable(sig)) {
                    t.pending |= Signals.bit(sig);
                    return;
                }
            } else if (!Signals.unblockable(sig) && !state.anyThreadAccepts(process, sig)) {
                state.processPending |= Signals.bit(sig);
                return;
            }
        }
        act(process, state, sig);
    }

    /** The signal is not blocked: take its disposition. */
    static void act(GuestProcess process, SignalState state, int sig) {
        SignalState.Disposition d = state.disposition(sig);
        if (Signals.unblockable(sig) && sig == Signals.SIGKILL) {
            process.killBySignal(sig);
            return;
        }
        if (d.handler() == Signals.SIG_IGN) {
            return;
        }
        if (d.handler() == Signals.SIG_DFL) {
            if (Signals.defaultAction(sig) == Signals.DefaultAction.TERMINATE) {
                process.killBySignal(sig);
            }
            return; // ignore, stop and continue: no job control yet
        }
        if (HANDLER_WARNED.compareAndSet(false, true)) {
            System.getLogger(Delivery.class.getName()).log(System.Logger.Level.WARNING, "signal " + sig
                    + " has a handler; running guest signal handlers is not supported yet, so it stays pending");
        }
        synchronized (state) {
            state.processPending |= Signals.bit(sig);
        }
    }

    /** After a mask change: act on pending signals that are no longer blocked. */
    static void releaseUnblocked(GuestProcess process, SignalState state, int tid) {
        long ready;
        synchronized (state) {
            SignalState.ThreadSignals t = state.thread(tid);
            ready = (t.pending | state.processPending) & ~t.blocked;
            t.pending &= ~ready;
            state.processPending &= ~ready;
        }
        for (int sig = 1; sig <= Signals.MAX && ready != 0; sig++) {
            if ((ready & Signals.bit(sig)) != 0) {
                ready &= ~Signals.bit(sig);
                SignalState.Disposition d = state.disposition(sig);
                if (d.handler() == Signals.SIG_DFL || d.handler() == Signals.SIG_IGN) {
                    act(process, state, sig);
                } else {
                    synchronized (state) {
                        state.thread(tid).pending |= Signals.bit(sig); // a handler: still undeliverable
                    }
                }
            }
        }
    }
}
