package org.osgix.kernel.internal;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.signal.SignalDelivery;

/**
 * A process's children as its waits see them: each child runtime is a host child, so wait4 and
 * waitid are host calls; this class tells waiting threads when one may have changed state and
 * sends the parent SIGCHLD. One watcher thread per child blocks in {@code waitid(WNOWAIT)}
 * (the child stays a zombie for wait4), then reaps it at once when SIGCHLD is ignored or has
 * SA_NOCLDWAIT, as Linux does.
 */
final class Children {
    private static final int P_PID = 1, WEXITED = 4, WNOWAIT = 0x01000000, EINTR = 4, SIGCHLD = 17;
    /** Waits poll this often too: orphans re-parented to the first process have no watcher. */
    static final long POLL_MILLIS = 100;
    private final GuestProcessImpl process;
    private final Host host;
    private long generation; // guarded by this

    Children(GuestProcessImpl process, Host host) {
        this.process = process;
        this.host = host;
    }

    /** Watches host child {@code pid} until it ends. */
    void watch(int pid) {
        Thread watcher = new Thread(() -> awaitEnd(pid), "osgix-child-" + pid);
        watcher.setDaemon(true);
        watcher.start();
    }

    private void awaitEnd(int pid) {
        NativeMemory mem = host.memory();
        long info = mem.allocate(128);
        try {
            int r;
            do {
                r = host.waitid(P_PID, pid, info, WEXITED | WNOWAIT);
            } while (r == -EINTR);
            if (r < 0) {
                return; // reaped by a wait4 of the guest meanwhile
            }
            int code = mem.getInt(info + 8), uid = mem.getInt(info + 20), status = mem.getInt(info + 24);
            SignalDelivery delivery = process.signalDelivery();
            if (delivery != null && delivery.reapsChildren(process)) {
                host.waitid(P_PID, pid, info, WEXITED);
            }
            changed();
            if (delivery != null) {
                delivery.sendFrom(process, SIGCHLD, code, pid, uid, status);
            }
        } finally {
            mem.free(info);
        }
    }

    synchronized void changed() {
        generation++;
        notifyAll();
    }

    synchronized long generation() {
        return generation;
    }

    /** Waits until a child changes state after {@code seen}, or a poll interval passes. */
    synchronized void await(long seen) throws InterruptedException {
        if (generation == seen) {
            wait(POLL_MILLIS);
        }
    }
}
