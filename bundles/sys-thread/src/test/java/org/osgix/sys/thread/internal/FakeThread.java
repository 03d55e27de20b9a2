package org.osgix.sys.thread.internal;

import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.testsupport.TestThread;

/** A guest thread that records what the family asked of it. */
final class FakeThread extends TestThread {
    final int tid;
    final FakeProcess process;
    /** For threads made by newThread: what the clone asked for. */
    long stack;
    boolean setTls;
    long tls;
    GuestThread parent;
    volatile boolean started;
    volatile Integer exitStatus;
    volatile boolean interrupted;
    /** The clear-child-tid word when start() ran (stores must happen before the child runs). */
    volatile long clearChildTidAtStart = -1;

    FakeThread(int tid, FakeProcess process) {
        this.tid = tid;
        this.process = process;
    }

    @Override
    public int tid() {
        return tid;
    }

    @Override
    public GuestProcess process() {
        return process;
    }

    @Override
    public boolean isInterrupted() {
        return interrupted;
    }

    @Override
    public void exit(int status) {
        exitStatus = status;
    }

    @Override
    public void start() {
        if (started) {
            throw new IllegalStateException("started twice");
        }
        clearChildTidAtStart = ThreadState.of(this).clearChildTid();
        started = true;
    }
}
