package org.osgix.kernel.internal;

import java.util.concurrent.locks.ReentrantLock;
import org.osgix.engine.Machine;

/**
 * The one CPU of a guest process. Guest instructions run one thread at a time (Unicorn's atomics
 * are not atomic across instances), so a thread must {@link #acquire} the CPU to run, which loads
 * its register context; address-space changes {@link #lock} it without switching context. The
 * lock is fair, so releasing and re-acquiring hands the CPU to a waiting thread.
 */
final class Cpu {
    /**
     * How long a thread may hold the CPU while others wait before it is asked to stop. Threads of
     * a multi-threaded process already give up the CPU at every syscall; this is only the escape
     * for a thread that spins without syscalls. It is long on purpose: Unicorn 2.0.1 does not
     * always stop at an exact instruction boundary when asked from another thread (measured: a
     * contended-mutex guest re-executed increments after ~0.3% of 10 ms-slice stops), so a stop
     * is a last resort, not a scheduler tick. Configurable with -Dosgix.slice.ms.
     */
    static final long SLICE_NANOS = Long.getLong("osgix.slice.ms", 500) * 1_000_000L;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Machine machine;
    /** The thread whose context is in the machine (guarded by lock). */
    private GuestThreadImpl loaded;
    /** The thread inside {@code Machine.run()}, and since when (for the time-slice watchdog). */
    private volatile GuestThreadImpl running;
    private volatile long runningSince;

    Cpu(Machine machine) {
        this.machine = machine;
    }

    Machine machine() {
        return machine;
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Takes the CPU for {@code thread} and makes its registers the machine's. */
    void acquire(GuestThreadImpl thread) {
        lock.lock();
        if (loaded != thread) {
            if (loaded != null) {
                machine.save(loaded.context());
            }
            machine.load(thread.context());
            loaded = thread;
        }
    }

    void release() {
        lock.unlock();
    }

    /** The thread whose context is loaded (valid while the caller holds the CPU). */
    GuestThreadImpl loaded() {
        return loaded;
    }

    /** Saves the live registers into {@code thread}'s context if they are loaded (under the lock). */
    void sync(GuestThreadImpl thread) {
        if (loaded == thread) {
            machine.save(thread.context());
        }
    }

    /** Forgets an exiting thread's context (under the lock). */
    void forget(GuestThreadImpl thread) {
        if (loaded == thread) {
            loaded = null;
        }
    }

    /** Runs the loaded context; the caller holds the CPU. */
    int run(GuestThreadImpl thread) {
        runningSince = System.nanoTime();
        running = thread;
        try {
            return machine.run();
        } finally {
            running = null;
        }
    }

    /** True when another thread waits for the CPU. */
    boolean contended() {
        return lock.hasQueuedThreads();
    }

    /** Called periodically: stops a thread that has run a full slice while others wait. */
    void preemptIfDue() {
        if (running != null && lock.hasQueuedThreads() && System.nanoTime() - runningSince > SLICE_NANOS) {
            machine.requestStop();
        }
    }

    /** Stops whatever runs now (exit_group). */
    void stopRunning() {
        if (running != null) {
            machine.requestStop();
        }
    }
}
