package org.osgix.kernel.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.osgix.engine.CpuContext;
import org.osgix.engine.CpuEngine;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;
import org.osgix.fd.FdTable;
import org.osgix.host.Host;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallInterceptor;

/** A running guest process: one machine, one address space, one fd table, its threads. */
final class GuestProcessImpl implements GuestProcess, TrapHandler {
    private final int pid;
    private final int ppid;
    private final Host host;
    private final Dispatcher dispatcher;
    private final Cpu cpu;
    private final AddressSpaceImpl memory;
    private final FdTable fds;
    private final ResourceLimits limits;
    private final Map<String, String> options;
    private volatile SyscallInterceptor[] interceptors = new SyscallInterceptor[0];
    private final Map<Class<?>, Object> states = new ConcurrentHashMap<>();
    private final Map<Integer, GuestThreadImpl> threads = new ConcurrentHashMap<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger nextTid;
    private final AtomicBoolean exiting = new AtomicBoolean();
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private volatile int exitStatus;
    private volatile String executable;
    private volatile List<String> arguments = List.of();
    private volatile byte[] auxv = new byte[0];

    GuestProcessImpl(CpuEngine engine, Host host, Dispatcher dispatcher, FdTable fds, ResourceLimits limits,
            Map<String, String> options) {
        this.options = Map.copyOf(options);
        this.pid = host.getpid();
        this.ppid = (int) ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L).longValue();
        this.host = host;
        this.dispatcher = dispatcher;
        this.fds = fds;
        this.limits = limits;
        this.nextTid = new AtomicInteger(pid);
        this.cpu = new Cpu(engine.createMachine(this));
        this.memory = new AddressSpaceImpl(host, cpu);
        fds.setLimit((int) Math.min(Integer.MAX_VALUE, limits.current(RLIMIT_NOFILE) & Long.MAX_VALUE));
    }

    Cpu cpu() {
        return cpu;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    SyscallInterceptor[] interceptors() {
        return interceptors;
    }

    void attach(Interceptors available) {
        interceptors = available.attachTo(this);
    }

    void setProgram(String executable, List<String> arguments) {
        this.executable = executable;
        this.arguments = List.copyOf(arguments);
    }

    void setAuxv(byte[] auxv) {
        this.auxv = auxv.clone();
    }

    // ------------------------------------------------------------------ the engine's trap

    @Override
    public long onSyscall(long number, long a0, long a1, long a2, long a3, long a4, long a5) {
        GuestThreadImpl thread = cpu.loaded();
        thread.frame().set(number, a0, a1, a2, a3, a4, a5);
        Dispatcher.Entry entry = dispatcher.entry(number);
        if (live.get() > 1 && (entry == null || !entry.nonBlocking() || cpu.contended())) {
            // Leave the engine so the handler runs without the CPU: it may wait for another
            // thread, or another thread waits for the CPU (syscalls are the only switch points).
            return DEFER;
        }
        long result = thread.serveInTrap(entry);
        if (thread.exitRequested() || exiting.get()) {
            cpu.machine().requestStop();
        }
        return result;
    }

    // ------------------------------------------------------------------ threads

    /** Creates the main thread at the loaded image's entry and starts it. */
    void startMain(long entry, long stackPointer) {
        GuestThreadImpl main;
        cpu.lock();
        try {
            Machine m = cpu.machine();
            main = new GuestThreadImpl(pid, this, m.newContext(), host);
            m.load(main.context());
            m.set(CpuRegister.PC, entry);
            m.set(CpuRegister.SP, stackPointer);
            m.save(main.context());
        } finally {
            cpu.unlock();
        }
        main.start();
    }

    @Override
    public GuestThread newThread(GuestThread parent, long stack, boolean setTls, long tls) {
        GuestThreadImpl p = (GuestThreadImpl) parent;
        cpu.acquire(p); // every machine call, newContext included, needs the CPU
        try {
            Machine m = cpu.machine();
            CpuContext context = m.newContext();
            GuestThreadImpl child = new GuestThreadImpl(nextTid.incrementAndGet(), this, context, host);
            m.save(p.context());
            m.set(CpuRegister.SYSCALL_RESULT, 0);
            if (stack != 0) {
                m.set(CpuRegister.SP, stack);
            }
            if (setTls) {
                m.set(CpuRegister.TLS, tls);
            }
            m.save(context);
            m.load(p.context());
            return child;
        } finally {
            cpu.release();
        }
    }

    void threadStarting(GuestThreadImpl thread) {
        threads.put(thread.tid(), thread);
        live.incrementAndGet();
    }

    void threadExited(GuestThreadImpl thread) {
        threads.remove(thread.tid());
        if (live.decrementAndGet() == 0) {
            if (exiting.compareAndSet(false, true)) {
                exitStatus = thread.exitStatus() & 0xff;
            }
            finish();
        }
    }

    /** Releases a process whose program could not be loaded (no thread ever ran). */
    void abandon() {
        exiting.set(true);
        finish();
    }

    private void finish() {
        fds.closeAll();
        cpu.lock();
        try {
            cpu.machine().close();
        } finally {
            cpu.unlock();
        }
        memory.release();
        exited.complete(exitStatus);
    }

    @Override
    public String option(String name) {
        return options.get(name);
    }

    @Override
    public GuestThread thread(int tid) {
        return threads.get(tid);
    }

    @Override
    public int threadCount() {
        return live.get();
    }

    @Override
    public void exitGroup(int status) {
        terminate(status & 0xff);
    }

    @Override
    public void killBySignal(int signal) {
        terminate(128 + signal);
    }

    void killBySignal(int signal, String why) {
        // like qemu-user, say why the guest died: the shell would print "Segmentation fault" natively
        System.err.println("osgix: guest killed by signal " + signal + " (" + why + ")");
        terminate(128 + signal);
    }

    void internalError(GuestThreadImpl thread, Throwable bug) {
        System.err.println("osgix: internal error in guest thread " + thread.tid() + ": " + bug);
        bug.printStackTrace();
        terminate(128 + 6);
    }

    private void terminate(int status) {
        if (!exiting.compareAndSet(false, true)) {
            return;
        }
        exitStatus = status;
        for (GuestThreadImpl t : threads.values()) {
            t.interruptWaits();
        }
        cpu.stopRunning();
    }

    @Override
    public boolean isExiting() {
        return exiting.get();
    }

    /** Completes with the exit status (0–255, 128+N for a fatal signal N). */
    CompletableFuture<Integer> exited() {
        return exited;
    }

    // ------------------------------------------------------------------ the rest of the contract

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public int ppid() {
        return ppid;
    }

    @Override
    public AddressSpace memory() {
        return memory;
    }

    AddressSpaceImpl addressSpace() {
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
        return arguments;
    }

    @Override
    public byte[] auxv() {
        return auxv.clone();
    }

    @Override
    public long rlimitCurrent(int res) {
        return limits.current(res);
    }

    @Override
    public long rlimitMaximum(int res) {
        return limits.maximum(res);
    }

    @Override
    public int setRlimit(int res, long current, long maximum) {
        int r = limits.set(res, current, maximum, host.geteuid() == 0);
        if (r == 0 && res == RLIMIT_NOFILE) {
            fds.setLimit((int) Math.min(Integer.MAX_VALUE, current & Long.MAX_VALUE));
        }
        return r;
    }

    @Override
    public long exclusive(LongSupplier op) {
        cpu.lock();
        try {
            return op.getAsLong();
        } finally {
            cpu.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T state(Class<T> key, Supplier<T> init) {
        Object existing = states.get(key); // the hot path: no capturing lambda once created
        return (T) (existing != null ? existing : states.computeIfAbsent(key, k -> init.get()));
    }
}
