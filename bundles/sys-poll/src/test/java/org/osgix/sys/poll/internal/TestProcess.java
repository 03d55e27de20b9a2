package org.osgix.sys.poll.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;

/** A guest process for the family's tests: a real descriptor table, test memory, launch options. */
final class TestProcess implements GuestProcess {
    private final TestMemory memory;
    private final FdTable fds;
    private final Map<Class<?>, Object> states = new ConcurrentHashMap<>();
    final Map<String, String> options = new ConcurrentHashMap<>();

    TestProcess(TestMemory memory, FdTable fds) {
        this.memory = memory;
        this.fds = fds;
    }

    @Override
    public int pid() {
        return 4242;
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
        return "/test";
    }

    @Override
    public List<String> arguments() {
        return List.of("/test");
    }

    @Override
    public long rlimitCurrent(int res) {
        return res == RLIMIT_NOFILE ? fds.limit() : RLIM_INFINITY;
    }

    @Override
    public long rlimitMaximum(int res) {
        return rlimitCurrent(res);
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
