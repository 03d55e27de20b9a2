package org.osgix.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Credentials;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;

/** A guest process for handler tests: a real descriptor table, test memory, per-process state, launch options. */
public final class HostedProcess implements GuestProcess {
    /** The pid of every such process. */
    public static final int PID = 4242;

    private final AddressSpace memory;
    private final FdTable fds;
    private final String executable;
    private final Map<Class<?>, Object> states = new ConcurrentHashMap<>();
    private final Map<String, String> options = new ConcurrentHashMap<>();
    private GuestThread mainThread;
    private volatile Credentials credentials = Credentials.of(1000, 1000, 1000, 1000, new int[0]);

    /** A process running {@code executable} (also its only argument). */
    public HostedProcess(AddressSpace memory, FdTable fds, String executable) {
        this.memory = memory;
        this.fds = fds;
        this.executable = executable;
    }

    @Override
    public int pid() {
        return PID;
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
        return executable;
    }

    @Override
    public List<String> arguments() {
        return List.of(executable);
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

    /** Sets a launch option (e.g. "sysroot") that {@link #option} answers. */
    public void setOption(String name, String value) {
        options.put(name, value);
    }

    @Override
    public String option(String name) {
        return options.get(name);
    }

    /** The thread that {@link #thread(int)} finds (the test's only thread). */
    /**
     * execve records the request and whether its host path could be opened during the call (it
     * may name a descriptor that is closed afterwards), and returns 0 as a successful exec would.
     */
    @Override
    public int execve(GuestThread caller, org.osgix.exec.ExecRequest request) {
        lastExec = request;
        lastExecReadable = java.nio.file.Files.isReadable(java.nio.file.Path.of(request.hostPath()));
        return 0;
    }

    /** The last execve request, or null. */
    public volatile org.osgix.exec.ExecRequest lastExec;
    /** Whether the last execve's host path was readable while execve ran. */
    public volatile boolean lastExecReadable;

    public void setMainThread(GuestThread thread) {
        this.mainThread = thread;
    }

    @Override
    public GuestThread thread(int tid) {
        return mainThread != null && mainThread.tid() == tid ? mainThread : null;
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
    public void killBySignal(int signal) {
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
