package org.osgix.sys.mm.internal;

import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;
import org.osgix.syscall.SyscallHandler;

/** A syscall in flight for tests; {@link #invoke} converts GuestFault as the dispatcher does. */
final class FakeCall implements SyscallContext {
    private final FakeProcess process;
    private final long[] args = new long[6];

    FakeCall(FakeProcess process) {
        this.process = process;
    }

    /** Sets the arguments (missing ones are 0) for calls made with {@code handler.handle(this)}. */
    FakeCall arguments(long... arguments) {
        java.util.Arrays.fill(args, 0);
        System.arraycopy(arguments, 0, args, 0, arguments.length);
        return this;
    }

    /** Serves {@code handler} with these arguments (missing ones are 0). */
    long invoke(SyscallHandler handler, long... arguments) {
        arguments(arguments);
        try {
            return handler.handle(this);
        } catch (GuestFault fault) {
            return -Errno.EFAULT;
        }
    }

    @Override
    public String name() {
        return "test";
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
        return process.thread;
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
