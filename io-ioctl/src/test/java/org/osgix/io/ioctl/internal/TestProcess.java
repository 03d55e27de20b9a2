package org.osgix.io.ioctl.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;

/** A guest process for the handler tests: a descriptor table, test memory, launch options. */
final class TestProcess implements GuestProcess {
    private final TestMemory memory;
    private final FdTable fds;
    private final Map<String, String> options;
    private final Map<Class<?>, Object> states = new ConcurrentHashMap<>();

    TestProcess(TestMemory memory, FdTable fds, Map<String, String> options) {
        this.memory = memory;
        this.fds = fds;
        this.options = options;
    }

    @Override
    public int pid() {
        return (int) ProcessHandle.current().pid();
    }

    @Override
    public int ppid() {
        return 1;
    }

    @Override
    public AddressSpace memory() {
        return memory;
    }

    @Override
    public FdTable fds() {
        return fds;
    }

    @Override
    public String executable() {
        return "/usr/bin/true";
    }

    @Override
    public List<String> arguments() {
        return List.of(executable());
    }

    @Override
    public long rlimitCurrent(int res) {
        return RLIM_INFINITY;
    }

    @Override
    public long rlimitMaximum(int res) {
        return RLIM_INFINITY;
    }

    @Override
    public int setRlimit(int res, long current, long maximum) {
        throw new UnsupportedOperationException();
    }

    @Override
    public GuestThread newThread(GuestThread parent, long stack, boolean setTls, long tls) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long exclusive(LongSupplier op) {
        return op.getAsLong();
    }

    @Override
    public String option(String name) {
        return options.get(name);
    }

    @Override
    public GuestThread thread(int tid) {
        return null;
    }

    @Override
    public int threadCount() {
        return 1;
    }

    @Override
    public void exitGroup(int status) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isExiting() {
        return false;
    }

    @Override
    public <T> T state(Class<T> key, Supplier<T> init) {
        return key.cast(states.computeIfAbsent(key, k -> init.get()));
    }
}
