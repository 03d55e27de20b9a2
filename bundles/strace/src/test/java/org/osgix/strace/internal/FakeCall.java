package org.osgix.strace.internal;

import java.lang.reflect.Proxy;
import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/** A syscall in flight with given arguments, memory, thread id and thread count. */
final class FakeCall implements SyscallContext {
    private final String name;
    private final long[] args = new long[6];
    private final AddressSpace memory;
    int tid = 100;
    int threads = 1;
    String straceOption = "true";

    FakeCall(String name, FakeMemory memory, long... args) {
        this.name = name;
        this.memory = memory.asAddressSpace();
        System.arraycopy(args, 0, this.args, 0, args.length);
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
        return (GuestThread) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {GuestThread.class},
                (p, m, a) -> switch (m.getName()) {
                    case "tid" -> tid;
                    case "process" -> process();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Override
    public GuestProcess process() {
        return (GuestProcess) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {GuestProcess.class},
                (p, m, a) -> switch (m.getName()) {
                    case "threadCount" -> threads;
                    case "option" -> "strace".equals(a[0]) ? straceOption : null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Override
    public AddressSpace memory() {
        return memory;
    }

    @Override
    public FdTable fds() {
        throw new UnsupportedOperationException();
    }
}
