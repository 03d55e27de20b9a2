package org.osgix.sys.signal.internal;

import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SignalNumbers;

/**
 * Sending: a signal is queued on a thread (tgkill) or on the process (kill), and a thread that
 * can take it is told ({@link GuestThread#signalPending()}); that thread delivers it at its next
 * boundary ({@link Deliverer}). Fatal default actions act at once, as Linux's complete_signal
 * does; ignored signals are dropped unless blocked.
 */
final class Delivery {
    private Delivery() {
    }

    static SignalState state(GuestProcess process) {
        return process.state(SignalState.class, SignalState::new);
    }

    /** Sends {@code info} to thread {@code tid}, or to the process when tid is 0. */
    static void send(GuestProcess process, int tid, SigInfo info) {
        SignalState state = state(process);
        int sig = info.signo();
        if (sig == SignalNumbers.SIGKILL) {
            process.killBySignal(sig);
            return;
        }
        GuestThread target = null;
        boolean fatal = false;
        synchronized (state) {
            SignalState.Disposition d = state.disposition(sig);
            if (tid != 0) {
                SignalState.ThreadSignals t = state.thread(tid);
                boolean blocked = (t.blocked & Signals.bit(sig)) != 0;
                if (!blocked && d.ignores(sig)) {
                    return;
                }
                t.pending.add(info);
                if (!blocked) {
                    target = process.thread(tid);
                }
            } else {
                target = acceptor(process, state, sig);
                if (target == null || !d.ignores(sig)) {
                    state.processPending.add(info);
                }
            }
            fatal = target != null && d.handler() == Signals.SIG_DFL
                    && Signals.defaultAction(sig) == Signals.DefaultAction.TERMINATE;
            state.notifyAll(); // rt_sigtimedwait
        }
        if (fatal) {
            process.killBySignal(sig);
        } else if (target != null) {
            target.signalPending();
        }
    }

    /** A live thread that does not block {@code sig}: the main thread first, as Linux tends to. */
    private static GuestThread acceptor(GuestProcess process, SignalState state, int sig) {
        GuestThread main = process.thread(process.pid());
        if (main != null && (state.thread(main.tid()).blocked & Signals.bit(sig)) == 0) {
            return main;
        }
        for (GuestThread t : process.threads()) {
            if ((state.thread(t.tid()).blocked & Signals.bit(sig)) == 0) {
                return t;
            }
        }
        return null;
    }

    /** After a mask change of {@code thread}: tell it when something became deliverable. */
    static void releaseUnblocked(GuestThread thread) {
        SignalState state = state(thread.process());
        boolean ready;
        synchronized (state) {
            ready = state.deliverable(state.thread(thread.tid())) != 0;
        }
        if (ready) {
            thread.signalPending();
        }
    }
}
