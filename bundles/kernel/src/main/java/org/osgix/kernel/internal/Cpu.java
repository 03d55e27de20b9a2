package org.osgix.kernel.internal;

import java.util.concurrent.locks.ReentrantLock;
import org.osgix.engine.Machine;

/**
 * The one CPU of a guest process. Guest instructions run one thread at a time (Unicorn's atomics
 * are not atomic across instances), so a thread must {@link #acquire} the CPU to run, which loads
 * its register context; address-space changes {@link #lock} it without switching context. The
 * lock is fair, so releasing and re-acquiring hands the CPU to a waiting thread.
 *
 * <p>Threads switch only at syscalls (every syscall of a multi-threaded process releases the
 * CPU), never by a timer: Unicorn 2.0.1 cannot be stopped from another thread at an exact
 * instruction boundary. It checks for exit requests after every guest store as well as between
 * translated blocks, and after a mid-block exit it resumes from the block's start, so the
 * instructions before the store run twice (a loop of {@code inc; store; inc} re-ran the first
 * increment on 1425 of 1563 asynchronous stops; a multi-threaded {@code sort} corrupted its heap
 * and died with SIGSEGV). A thread that spins without syscalls waiting for another thread
 * therefore keeps the CPU; see docs/architecture.md.
 */
final class Cpu {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Machine machine;
    /** The thread whose context is in the machine (guarded by lock). */
    private GuestThreadImpl loaded;
    /** The thread inside {@code Machine.run()}, for {@link #stopRunning()}. */
    private volatile GuestThreadImpl running;

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

    /** Stops whatever runs now (exit_group). */
    void stopRunning() {
        if (running != null) {
            machine.requestStop();
        }
    }
}
