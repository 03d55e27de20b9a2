package org.osgix.kernel.internal;

import java.util.concurrent.CountDownLatch;
import org.osgix.host.Host;

/**
 * What ties a vfork child (running on its parent's memory) to the child runtime that will be
 * its process: the socket to that runtime, and the latch its parent thread waits on. The child
 * either hands its execve to the runtime ({@link #handOff}) or ends, and then the runtime is
 * told to end the same way ({@link #ended}); both release the parent, once.
 */
final class VforkLink {
    private final Host host;
    private final int socket;
    private final CountDownLatch released = new CountDownLatch(1);
    private boolean done; // guarded by this

    VforkLink(Host host, int socket) {
        this.host = host;
        this.socket = socket;
    }

    /** Sends the child's execve to its runtime; returns 0 or -errno (the runtime is gone). */
    synchronized int handOff(ProcessImage image, int[] hostFds) {
        if (done) {
            return -3; // ESRCH: ended meanwhile
        }
        int r = ChildChannel.send(host, socket, image.toBytes(), hostFds);
        finish();
        return r;
    }

    /** The child ended without execve: its runtime exits with the same status or signal. */
    synchronized void ended(GuestProcessImpl child, int status, int signal) {
        if (!done) {
            ChildChannel.send(host, socket, (signal != 0 ? ProcessImage.killed(signal) : ProcessImage.exit(status)).toBytes(),
                    new int[0]);
            finish();
        }
    }

    private void finish() {
        done = true;
        host.close(socket);
        released.countDown();
    }

    synchronized boolean handedOff() {
        return done;
    }

    /** The parent thread's wait: vfork's is not interruptible by signals, only by the parent's end. */
    void awaitRelease(GuestProcessImpl parent) {
        while (true) {
            try {
                released.await();
                return;
            } catch (InterruptedException e) {
                if (parent.isExiting()) {
                    return;
                }
            }
        }
    }
}
