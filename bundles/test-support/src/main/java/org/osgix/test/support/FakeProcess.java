package org.osgix.test.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.osgix.exec.ExecRequest;
import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Credentials;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;

/**
 * A guest process for tests: a main thread (tid = pid + 1, so a test catches pid/tid mix-ups),
 * the threads {@link #newThread} made (recorded, not run) and one a test attaches (a
 * {@link PollingThread}, say), settable limits and launch options, and a record of what the
 * family asked of it (exclusive sections, exit_group, execve).
 */
public final class FakeProcess implements GuestProcess {
    private final int pid;
    private final FakeThread main;
    private final AddressSpace memory;
    private final FdTable fds;
    private final String executable;
    private final long[][] limits = new long[RLIMIT_NLIMITS][];
    private final Map<Class<?>, Object> states = new HashMap<>();
    private final Map<String, String> options = new HashMap<>();
    private final List<FakeThread> created = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextTid;
    private final AtomicInteger exclusiveRuns = new AtomicInteger();
    private volatile Integer exitGroupStatus;
    private volatile Consumer<FakeThread> startHook = thread -> { };
    private volatile GuestThread attached;
    private volatile ExecRequest lastExec;
    private volatile boolean lastExecReadable;
    private volatile int parentDeathSignal;
    private volatile Credentials credentials = Credentials.of(1000, 1000, 1000, 1000, new int[] {1000});

    /** A process without a file table ({@link #fds()} is unsupported). */
    public FakeProcess(int pid, AddressSpace memory) {
        this(pid, memory, null);
    }

    /** A process whose {@link #fds()} is {@code fds}, running /bin/test. */
    public FakeProcess(int pid, AddressSpace memory, FdTable fds) {
        this(pid, memory, fds, "/bin/test");
    }

    /** A process running {@code executable} (also its only argument); RLIMIT_NOFILE is the table's limit. */
    public FakeProcess(int pid, AddressSpace memory, FdTable fds, String executable) {
        this.pid = pid;
        this.memory = memory;
        this.fds = fds;
        this.executable = executable;
        this.nextTid = new AtomicInteger(pid + 1);
        this.main = new FakeThread(nextTid.get(), null);
        for (int res = 0; res < RLIMIT_NLIMITS; res++) {
            limits[res] = new long[] {RLIM_INFINITY, RLIM_INFINITY};
        }
        if (fds != null) {
            limits[RLIMIT_NOFILE] = new long[] {fds.limit(), fds.limit()};
        }
    }

    /** Makes {@code thread} one that {@link #thread(int)} finds (a test's own thread double). */
    public void attach(GuestThread thread) {
        this.attached = thread;
    }

    /** The last execve request, or null. */
    public ExecRequest lastExec() {
        return lastExec;
    }

    /** Whether the last execve's host path was readable while execve ran (it may name an fd closed since). */
    public boolean lastExecReadable() {
        return lastExecReadable;
    }

    /** The process's main thread. */
    public FakeThread mainThread() {
        return main;
    }

    /** Another running thread of this process, as if cloned earlier ({@link #thread(int)} does not find it). */
    public FakeThread anotherThread() {
        return new FakeThread(nextTid.incrementAndGet(), null);
    }

    /** The threads {@link #newThread} made, oldest first (a test may clear it). */
    public List<FakeThread> createdThreads() {
        return created;
    }

    /** How many times {@link #exclusive} ran an operation. */
    public int exclusiveRuns() {
        return exclusiveRuns.get();
    }

    /** The status exit_group was asked for, or null. */
    public Integer exitGroupStatus() {
        return exitGroupStatus;
    }

    /** Runs {@code hook} in every {@link FakeThread#start()}, before the thread counts as started. */
    public void setStartHook(Consumer<FakeThread> hook) {
        this.startHook = hook;
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
        return executable;
    }

    @Override
    public List<String> arguments() {
        return List.of(executable);
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
    public int parentDeathSignal() {
        return parentDeathSignal;
    }

    @Override
    public void setParentDeathSignal(int signal) {
        parentDeathSignal = signal;
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
        FakeThread child = new FakeThread(nextTid.incrementAndGet(), new CloneRequest(parent, stack, setTls, tls));
        created.add(child);
        return child;
    }

    @Override
    public synchronized long exclusive(LongSupplier op) {
        exclusiveRuns.incrementAndGet();
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

    @Override
    public GuestThread thread(int tid) {
        if (tid == main.tid) {
            return main;
        }
        GuestThread other = attached;
        if (other != null && other.tid() == tid) {
            return other;
        }
        return created.stream().filter(t -> t.tid == tid).findFirst().orElse(null);
    }

    @Override
    public int threadCount() {
        return 1 + created.size();
    }

    @Override
    public void exitGroup(int status) {
        exitGroupStatus = status;
    }

    /** Records the request and answers 0, as a successful exec would. */
    @Override
    public int execve(GuestThread caller, ExecRequest request) {
        lastExecReadable = Files.isReadable(Path.of(request.hostPath()));
        lastExec = request;
        return 0;
    }

    @Override
    public boolean isExiting() {
        return exitGroupStatus != null || main.exitPending;
    }

    @Override
    public synchronized <T> T state(Class<T> key, Supplier<T> init) {
        return key.cast(states.computeIfAbsent(key, k -> init.get()));
    }

    /** What {@link #newThread} was asked for. */
    public record CloneRequest(GuestThread parent, long stack, boolean setTls, long tls) {
    }

    /** A thread of the process that records what the family asked of it. */
    public final class FakeThread extends TestThread {
        private final int tid;
        private final CloneRequest cloned;
        private volatile boolean exitPending;
        private volatile boolean interrupted;
        private volatile boolean started;
        private volatile Integer exitStatus;

        FakeThread(int tid, CloneRequest cloned) {
            this.tid = tid;
            this.cloned = cloned;
        }

        /** Marks an exit as pending: the thread is interrupted and the process is exiting. */
        public void markExitPending() {
            exitPending = true;
        }

        /** Sets what {@link #isInterrupted()} answers (what exit_group sets on the other threads). */
        public void setInterrupted(boolean interrupted) {
            this.interrupted = interrupted;
        }

        /** What {@link FakeProcess#newThread} was asked for, or null for a thread it did not make. */
        public CloneRequest cloned() {
            return cloned;
        }

        /** Whether {@link #start()} ran. */
        public boolean started() {
            return started;
        }

        /** The status {@link #exit} was called with, or null. */
        public Integer exitStatus() {
            return exitStatus;
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
            return exitPending || interrupted;
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
            startHook.accept(this);
            started = true;
        }
    }
}
