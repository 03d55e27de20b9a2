package org.osgix.kernel.internal;

import static org.osgix.syscall.SignalNumbers.SIGWINCH;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgix.signal.SignalDelivery;

/**
 * Forwards the signals the user sends the emulator (Ctrl-C, {@code kill -TERM <osgix pid>},
 * a closed terminal, a resized one) to the guests it runs, as kill(2) would: the guest's
 * disposition decides, so the emulator dies only when the guest's default action says so.
 */
final class HostSignals {
    private static final String[] NAMES = {"INT", "TERM", "HUP", "WINCH"};
    private final Set<GuestProcessImpl> live = ConcurrentHashMap.newKeySet();
    private boolean installed; // guarded by this

    /** Signals that arrived while this runtime had no process yet (a child runtime starting). */
    private final List<Integer> unclaimed = new ArrayList<>(); // guarded by this

    void add(GuestProcessImpl process) {
        List<Integer> held;
        synchronized (this) {
            live.add(process);
            held = List.copyOf(unclaimed);
            unclaimed.clear();
        }
        held.forEach(sig -> forwardTo(process, sig));
        install();
    }

    /**
     * Takes the signals now, in a child runtime before its process arrives: the parent may kill
     * the child as soon as fork returns, and the JVM's own SIGTERM handling would end the
     * runtime with 143 instead of the guest's default action.
     */
    void hold() {
        install();
    }

    void remove(GuestProcessImpl process) {
        live.remove(process);
    }

    private synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        for (String name : NAMES) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> forward(s.getNumber()));
            } catch (IllegalArgumentException taken) {
                // the JVM keeps this one (e.g. run with -Xrs): its default applies
            }
        }
    }

    private void forward(int sig) {
        synchronized (this) {
            if (live.isEmpty()) {
                unclaimed.add(sig);
                return;
            }
        }
        for (GuestProcessImpl p : live) {
            forwardTo(p, sig);
        }
    }

    private static void forwardTo(GuestProcessImpl p, int sig) {
        p.whenStarted(() -> {
            SignalDelivery delivery = p.signalDelivery();
            if (delivery != null) {
                delivery.send(p, sig);
            } else if (sig != SIGWINCH) {
                p.killBySignal(sig); // no signal family: the default action
            }
        });
    }
}
