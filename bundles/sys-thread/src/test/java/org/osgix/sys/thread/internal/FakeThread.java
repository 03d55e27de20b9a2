package org.osgix.sys.thread.internal;

import org.osgix.engine.CpuRegister;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;

/** A guest thread that records what the family asked of it. */
final class FakeThread implements GuestThread {
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
    volatile long clearChildTid;
    volatile long robustHead;
    volatile long robustLength;
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
    public long clearChildTid() {
        return clearChildTid;
    }

    @Override
    public void setClearChildTid(long addr) {
        clearChildTid = addr;
    }

    @Override
    public long robustListHead() {
        return robustHead;
    }

    @Override
    public long robustListLength() {
        return robustLength;
    }

    @Override
    public void setRobustList(long head, long len) {
        robustHead = head;
        robustLength = len;
    }

    @Override
    public long register(CpuRegister reg) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setRegister(CpuRegister reg, long value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int awaitHostFd(int hostFd, int events, long timeoutNanos) {
        throw new UnsupportedOperationException();
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
        clearChildTidAtStart = clearChildTid;
        started = true;
    }
}
