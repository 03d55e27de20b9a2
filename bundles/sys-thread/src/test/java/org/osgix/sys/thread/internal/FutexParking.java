package org.osgix.sys.thread.internal;

import java.util.concurrent.locks.LockSupport;

/** Waiting helper for threaded futex tests. */
final class FutexParking {
    private FutexParking() {
    }

    /** Waits (up to 10 s) until {@code thread} is parked in a futex wait. */
    static void awaitParked(Thread thread) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!(LockSupport.getBlocker(thread) instanceof FutexTable)) {
            if (System.nanoTime() > end || !thread.isAlive()) {
                throw new AssertionError("thread never blocked in a futex wait: " + thread.getState());
            }
            Thread.sleep(1);
        }
    }
}
