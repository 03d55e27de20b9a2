package org.osgix.sys.thread.internal;

import java.util.concurrent.locks.LockSupport;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.SyscallHandler;

/** What the kernel's dispatcher does around a handler, plus waiting helpers for threaded tests. */
final class Dispatch {
    private Dispatch() {
    }

    /** Runs the handler; a GuestFault becomes -EFAULT. */
    static long run(SyscallHandler handler, FakeCall call) {
        try {
            return handler.handle(call);
        } catch (GuestFault fault) {
            return -Errno.EFAULT;
        }
    }

    /** Waits (up to 10 s) until {@code thread} is parked in a futex wait. */
    static void awaitParkedInFutex(Thread thread) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!(LockSupport.getBlocker(thread) instanceof FutexTable)) {
            if (System.nanoTime() > end || !thread.isAlive()) {
                throw new AssertionError("thread never blocked in a futex wait: " + thread.getState());
            }
            Thread.sleep(1);
        }
    }
}
