package org.osgix.sys.poll.internal;

import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/** One syscall's context for the family's tests. */
final class TestCall implements SyscallContext {
    private final String name;
    private final long[] args = new long[6];
    private final GuestThread thread;

    TestCall(String name, GuestThread thread, long... values) {
        this.name = name;
        this.thread = thread;
        System.arraycopy(values, 0, args, 0, values.length);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long arg0() {
        return args[0];
    }

    @Override
    public long arg1() {
        return args[1];
    }

    @Override
    public long arg2() {
        return args[2];
    }

    @Override
    public long arg3() {
        return args[3];
    }

    @Override
    public long arg4() {
        return args[4];
    }

    @Override
    public long arg5() {
        return args[5];
    }

    @Override
    public GuestThread thread() {
        return thread;
    }

    @Override
    public GuestProcess process() {
        return thread.process();
    }

    @Override
    public AddressSpace memory() {
        return process().memory();
    }

    @Override
    public FdTable fds() {
        return process().fds();
    }
}
