package org.osgix.kernel.internal;

import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/** The syscall in flight on one guest thread; reused for every call of that thread. */
final class CallFrame implements SyscallContext {
    private final GuestThreadImpl thread;
    private final GuestProcessImpl process;
    int number;
    String name;
    long a0, a1, a2, a3, a4, a5;

    CallFrame(GuestThreadImpl thread, GuestProcessImpl process) {
        this.thread = thread;
        this.process = process;
    }

    void set(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        this.number = (int) nr == nr ? (int) nr : -1;
        this.a0 = a0;
        this.a1 = a1;
        this.a2 = a2;
        this.a3 = a3;
        this.a4 = a4;
        this.a5 = a5;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long arg0() {
        return a0;
    }

    @Override
    public long arg1() {
        return a1;
    }

    @Override
    public long arg2() {
        return a2;
    }

    @Override
    public long arg3() {
        return a3;
    }

    @Override
    public long arg4() {
        return a4;
    }

    @Override
    public long arg5() {
        return a5;
    }

    @Override
    public GuestThread thread() {
        return thread;
    }

    GuestProcessImpl processImpl() {
        return process;
    }

    @Override
    public GuestProcess process() {
        return process;
    }

    @Override
    public AddressSpace memory() {
        return process.memory();
    }

    @Override
    public FdTable fds() {
        return process.fds();
    }
}
