package org.osgix.test.support;

import java.util.Arrays;
import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;
import org.osgix.syscall.SyscallHandler;

/** A syscall in flight for tests; {@link #invoke} converts GuestFault as the dispatcher does. */
public final class FakeCall implements SyscallContext {
    private final String name;
    private final GuestThread thread;
    private final long[] args = new long[6];

    /** A call named "test" made by the process's only thread. */
    public FakeCall(FakeProcess process) {
        this("test", process.mainThread());
    }

    /** A call named {@code name} made by {@code thread} (memory and fds are its process's). */
    public FakeCall(String name, GuestThread thread) {
        this.name = name;
        this.thread = thread;
    }

    /** Sets the arguments (missing ones are 0) for calls made with {@code handler.handle(this)}. */
    public FakeCall arguments(long... arguments) {
        Arrays.fill(args, 0);
        System.arraycopy(arguments, 0, args, 0, arguments.length);
        return this;
    }

    /** Sets three arguments and zeroes the rest, without allocating (for allocation-counting tests). */
    public FakeCall arguments(long arg0, long arg1, long arg2) {
        Arrays.fill(args, 0);
        args[0] = arg0;
        args[1] = arg1;
        args[2] = arg2;
        return this;
    }

    /** Serves {@code handler} with these arguments (missing ones are 0). */
    public long invoke(SyscallHandler handler, long... arguments) {
        arguments(arguments);
        try {
            return handler.handle(this);
        } catch (GuestFault fault) {
            return -Errno.EFAULT;
        }
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
        return thread.process().memory();
    }

    @Override
    public FdTable fds() {
        return thread.process().fds();
    }
}
