package org.osgix.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Credentials;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;

/** A guest process for tests with one thread (tid = pid + 1) that can be marked interrupted (a pending exit). */
public final class FakeProcess implements GuestProcess {
    private final int pid;
    private final FakeThread thread;
    private final AddressSpace memory;
    private final FdTable fds;
    private final long[][] limits = new long[RLIMIT_NLIMITS][];
    private final Map<Class<?>, Object> states = new HashMap<>();
    private final Map<String, String> options = new HashMap<>();
    private volatile int threadCount = 1;
    private volatile Credentials credentials = Credentials.of(1000, 1000, 1000, 1000, new int[] {1000});

    /** A process without a file table ({@link #fds()} is unsupported). */
    public FakeProcess(int pid, AddressSpace memory) {
        this(pid, memory, null);
    }

    /** A process whose {@link #fds()} is {@code fds}. */
    public FakeProcess(int pid, AddressSpace memory, FdTable fds) {
        this.pid = pid;
        this.memory = memory;
        this.fds = fds;
        this.thread = new FakeThread(pid + 1); // a tid unlike the pid catches mix-ups
        for (int res = 0; res < RLIMIT_NLIMITS; res++) {
            limits[res] = new long[] {RLIM_INFINITY, RLIM_INFINITY};
        }
    }

    /** The process's only thread. */
    public FakeThread mainThread() {
        return thread;
    }

    @Override
    public int pid() {
        return pid;
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
        if (fds == null) {
            throw new UnsupportedOperationException();
        }
        return fds;
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
        return limits[res][0];
    }

    @Override
    public long rlimitMaximum(int res) {
        return limits[res][1];
    }

    @Override
    public int setRlimit(int res, long current, long maximum) {
        limits[res] = new long[] {current, maximum};
        return 0;
    }

    @Override
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public void setCredentials(Credentials next) {
        credentials = next;
    }

    @Override
    public GuestThread newThread(GuestThread parent, long stack, boolean setTls, long tls) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long exclusive(LongSupplier op) {
        return op.getAsLong();
    }

    /** Sets a launch option that {@link #option} answers (null removes it). */
    public synchronized void setOption(String name, String value) {
        if (value == null) {
            options.remove(name);
        } else {
            options.put(name, value);
        }
    }

    @Override
    public synchronized String option(String name) {
        return options.get(name);
    }

    /** Sets what {@link #threadCount()} reports (the other threads are not modelled). */
    public void setThreadCount(int threadCount) {
        this.threadCount = threadCount;
    }

    @Override
    public GuestThread thread(int tid) {
        return tid == thread.tid ? thread : null;
    }

    @Override
    public int threadCount() {
        return threadCount;
    }

    @Override
    public void exitGroup(int status) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isExiting() {
        return thread.exitPending;
    }

    @Override
    public synchronized <T> T state(Class<T> key, Supplier<T> init) {
        return key.cast(states.computeIfAbsent(key, k -> init.get()));
    }

    /** The process's only thread. */
    public final class FakeThread extends TestThread {
        private final int tid;
        private volatile boolean exitPending;
        private volatile org.osgix.syscall.SyscallHandler restartBlock;

        FakeThread(int tid) {
            this.tid = tid;
        }

        /** Marks an exit as pending: the thread is interrupted and the process is exiting. */
        public void markExitPending() {
            exitPending = true;
        }

        @Override
        public int tid() {
            return tid;
        }

        @Override
        public GuestProcess process() {
            return FakeProcess.this;
        }

        @Override
        public boolean isInterrupted() {
            return exitPending;
        }

        @Override
        public org.osgix.syscall.SyscallHandler restartBlock() {
            return restartBlock;
        }

        @Override
        public void setRestartBlock(org.osgix.syscall.SyscallHandler resume) {
            restartBlock = resume;
        }
    }
}
