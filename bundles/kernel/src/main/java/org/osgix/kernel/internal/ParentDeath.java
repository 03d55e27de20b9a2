package org.osgix.kernel.internal;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.signal.SignalDelivery;

/**
 * PR_SET_PDEATHSIG: the signal this guest process gets when its parent process ends. The host's
 * own prctl would send the guest's signal to the JVM (a SIGTERM would end it), so a watcher
 * thread waits on a host pidfd of the parent (a guest pid is its runtime's host pid) and delivers
 * the signal to the guest as the parent's SI_USER. A parent already gone when the signal is set
 * sends nothing, as on Linux once the process has been re-parented; a fork child starts without
 * it (a new process), execve keeps it. The watcher gives up when the process exits, and watches
 * only the parent the process had when the signal was set (the runtime that adopts an orphan is
 * the first one, whose end ends every runtime anyway).
 */
final class ParentDeath implements Runnable {
    private static final int POLLIN = 1, POLL_SIZE = 8, WAKE_MILLIS = 500, SI_USER = 0;

    private final GuestProcessImpl process;
    private volatile int signal;
    private Thread watcher;

    ParentDeath(GuestProcessImpl process) {
        this.process = process;
    }

    int signal() {
        return signal;
    }

    synchronized void set(int next) {
        signal = next;
        if (next != 0 && watcher == null) {
            watcher = new Thread(this, "osgix-pdeathsig-" + process.pid());
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    @Override
    public void run() {
        Host host = process.host();
        int parent = process.ppid();
        int pidfd = parent > 1 ? host.pidfdOpen(parent, 0) : -1;
        if (pidfd < 0) {
            return; // the parent is gone already (or is init, which never ends)
        }
        NativeMemory scratch = host.memory();
        long pollfd = scratch.allocate(POLL_SIZE);
        try {
            scratch.putInt(pollfd, pidfd);
            scratch.putInt(pollfd + 4, POLLIN);
            while (!process.isExiting()) {
                if (host.poll(pollfd, 1, WAKE_MILLIS) > 0) {
                    int sig = signal;
                    SignalDelivery delivery = process.signalDelivery();
                    if (sig != 0 && delivery != null && !process.isExiting()) {
                        delivery.sendFrom(process, sig, SI_USER, parent, process.credentials().ruid(), 0);
                    }
                    return;
                }
            }
        } finally {
            scratch.free(pollfd);
            host.close(pidfd);
        }
    }
}
