package org.osgix.sys.thread.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;

/** A process with fake memory, a state map, an exclusive() that just runs the op, and recorded threads. */
final class FakeProcess implements GuestProcess {
    final FakeMemory memory;
    final FakeThread main;
    final List<FakeThread> created = new CopyOnWriteArrayList<>();
    final AtomicInteger exclusiveRuns = new AtomicInteger();
    volatile Integer exitGroupStatus;
    long rlimitNice = 0;
    private final AtomicInteger nextTid = new AtomicInteger(100);
    private final Map<Class<?>, Object> states = new ConcurrentHashMap<>();

    FakeProcess() {
        this(new FakeMemory(4));
    }

    FakeProcess(FakeMemory memory) {
        this.memory = memory;
        this.main = new FakeThread(nextTid.get(), this);
    }

    /** Another thread of this process (as if cloned and running). */
    FakeThread thread() {
        return new FakeThread(nextTid.incrementAndGet(), this);
    }

    @Override
    public int pid() {
        return main.tid;
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
        return null;
    }

    @Override
    public String executable() {
        return "/bin/test";
    }

    @Override
    public List<String> arguments() {
        return List.of("test");
    }

    @Override
    public long rlimitCurrent(int res) {
        return res == RLIMIT_NICE ? rlimitNice : RLIM_INFINITY;
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
        FakeThread child = thread();
        child.parent = parent;
        child.stack = stack;
        child.setTls = setTls;
        child.tls = tls;
        created.add(child);
        return child;
    }

    @Override
    public synchronized long exclusive(LongSupplier op) {
        exclusiveRuns.incrementAndGet();
        return op.getAsLong();
    }

    @Override
    public String option(String name) {
        return null;
    }

    @Override
    public GuestThread thread(int tid) {
        if (tid == main.tid()) {
            return main;
        }
        return created.stream().filter(t -> t.tid() == tid).findFirst().orElse(null);
    }

    @Override
    public int threadCount() {
        return 1 + created.size();
    }

    @Override
    public void exitGroup(int status) {
        exitGroupStatus = status;
    }

    @Override
    public boolean isExiting() {
        return exitGroupStatus != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T state(Class<T> key, Supplier<T> init) {
        return (T) states.computeIfAbsent(key, k -> init.get());
    }
}
