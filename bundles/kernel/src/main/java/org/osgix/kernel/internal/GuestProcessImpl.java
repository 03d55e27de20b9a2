package org.osgix.kernel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.osgix.engine.CpuEngine;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.Vcpu;
import org.osgix.fd.FdTable;
import org.osgix.host.Host;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Credentials;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallInterceptor;

/** A running guest process: one machine, one address space, one fd table, its threads. */
final class GuestProcessImpl implements GuestProcess {
    private final int pid;
    private final int ppid;
    private final Host host;
    private final Dispatcher dispatcher;
    private final CpuEngine engine;
    /** The current program's machine and memory: execve replaces both. */
    private volatile Machine machine;
    private volatile AddressSpaceImpl memory;
    private volatile InPlaceExec exec;
    private final FdTable fds;
    private final ResourceLimits limits;
    private final Map<String, String> options;
    private volatile SyscallInterceptor[] interceptors = new SyscallInterceptor[0];
    private volatile java.util.function.Supplier<org.osgix.signal.SignalDelivery> signals = () -> null;
    /** rt_sigreturn's number: it always runs outside the engine's trap (it rewrites every register). */
    private final int sigreturnNumber;
    /** execve and execveat: they replace every register and the memory, so never inside the trap. */
    private final int execveNumber, execveatNumber;
    /** vfork and clone: with a shared CPU the parent waits for a child that needs the CPU. */
    private final int vforkNumber, cloneNumber, clone3Number;
    private final StateSlots states = new StateSlots();
    private final Map<Integer, GuestThreadImpl> threads = new ConcurrentHashMap<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger nextTid;
    private final AtomicBoolean exiting = new AtomicBoolean();
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private volatile int exitStatus;
    private volatile String executable;
    private volatile String commandName = "";
    private volatile List<String> arguments = List.of();
    private volatile List<String> environment = List.of();
    private volatile byte[] auxv = new byte[0];
    /** The signal that killed the process, or 0. */
    private volatile int killSignal;
    /** Set for a vfork child: it runs on its parent's machine, which it must not close. */
    private final VforkLink vforkLink;
    private final SpareRuntimes spares;
    /** Signals from outside that arrived before the first thread started (guarded by itself). */
    private final List<Runnable> earlySignals = new ArrayList<>();
    private boolean started; // guarded by earlySignals
    private volatile Children children;
    private volatile Credentials credentials;
    private final CpuTimes cpuTimes = new CpuTimes();
    private final ParentDeath parentDeath = new ParentDeath(this);

    GuestProcessImpl(CpuEngine engine, Host host, Dispatcher dispatcher, FdTable fds, ResourceLimits limits,
            Map<String, String> options, SpareRuntimes spares) {
        this.options = Map.copyOf(options);
        this.vforkLink = null;
        this.spares = spares;
        this.pid = host.getpid();
        this.ppid = (int) ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L).longValue();
        this.host = host;
        this.dispatcher = dispatcher;
        this.fds = fds;
        this.limits = limits;
        this.nextTid = new AtomicInteger(pid);
        this.sigreturnNumber = dispatcher.number("rt_sigreturn");
        this.execveNumber = dispatcher.number("execve");
        this.execveatNumber = dispatcher.number("execveat");
        this.engine = engine;
        this.vforkNumber = dispatcher.number("vfork");
        this.cloneNumber = dispatcher.number("clone");
        this.clone3Number = dispatcher.number("clone3");
        this.machine = engine.createMachine();
        this.memory = new AddressSpaceImpl(host, machine);
        fds.setLimit((int) Math.min(Integer.MAX_VALUE, limits.current(RLIMIT_NOFILE) & Long.MAX_VALUE));
        // the first process starts with the runtime's ids; a child runtime's come from its parent
        this.credentials = Credentials.of(host.getuid(), host.geteuid(), host.getgid(), host.getegid(),
            host.getgroups());
    }

    /** A vfork child of {@code parent}: its own pid, fd table and limits on the parent's machine and memory. */
    GuestProcessImpl(GuestProcessImpl parent, int pid, FdTable fds, VforkLink link) {
        this.options = parent.options;
        this.vforkLink = link;
        this.spares = parent.spares;
        this.pid = pid;
        this.ppid = parent.pid;
        this.host = parent.host;
        this.dispatcher = parent.dispatcher;
        this.fds = fds;
        this.limits = parent.limits.copy();
        this.nextTid = new AtomicInteger(pid);
        this.sigreturnNumber = parent.sigreturnNumber;
        this.vforkNumber = parent.vforkNumber;
        this.execveNumber = parent.execveNumber;
        this.execveatNumber = parent.execveatNumber;
        this.cloneNumber = parent.cloneNumber;
        this.clone3Number = parent.clone3Number;
        this.machine = parent.machine;
        this.memory = parent.memory;
        this.engine = parent.engine;
        this.interceptors = parent.interceptors;
        this.signals = parent.signals;
        this.executable = parent.executable;
        this.arguments = parent.arguments;
        this.auxv = parent.auxv;
        this.credentials = parent.credentials;
    }

    @Override
    public long vfork(GuestThread parent, long stack, java.util.function.IntConsumer started) {
        return VforkChild.run(this, (GuestThreadImpl) parent, stack, started);
    }

    /** Where this process's children's runtimes come from. */
    SpareRuntimes spares() {
        return spares;
    }

    VforkLink vforkLink() {
        return vforkLink;
    }

    Host host() {
        return host;
    }

    ResourceLimits limits() {
        return limits;
    }

    @Override
    public int parentDeathSignal() {
        return parentDeath.signal();
    }

    @Override
    public void setParentDeathSignal(int signal) {
        parentDeath.set(signal);
    }

    CpuTimes cpuTimes() {
        return cpuTimes;
    }

    @Override
    public long[] cpuTimeNanos() {
        return cpuTimes.sum(threads.values());
    }

    @Override
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public void setCredentials(Credentials next) {
        credentials = java.util.Objects.requireNonNull(next);
    }

    /** The waits and SIGCHLD of this process's children (created on first use). */
    Children children() {
        Children c = children;
        if (c == null) {
            synchronized (this) {
                c = children;
                if (c == null) {
                    c = children = new Children(this, host);
                }
            }
        }
        return c;
    }

    /** The main thread of a vfork child: the parent thread's registers, result 0, its own stack. */
    GuestThreadImpl newVforkThread(GuestThreadImpl parent, long stack) {
        GuestThreadImpl child = new GuestThreadImpl(pid, this, machine, host);
        Vcpu cpu = child.vcpu();
        cpu.copyFrom(parent.vcpu());
        cpu.set(CpuRegister.SYSCALL_RESULT, 0);
        if (stack != 0) {
            cpu.set(CpuRegister.SP, stack);
        }
        return child;
    }

    /** A forked child's thread: the forking thread's registers and vector state, result 0. */
    GuestThreadImpl newForkThread(long[] registers, byte[] vectorState) {
        GuestThreadImpl child = new GuestThreadImpl(pid, this, machine, host);
        Vcpu cpu = child.vcpu();
        CpuRegister[] names = CpuRegister.values();
        for (int i = 0; i < names.length && i < registers.length; i++) {
            cpu.set(names[i], registers[i]);
        }
        if (vectorState.length == cpu.vectorStateSize()) {
            cpu.writeVectorState(vectorState);
        }
        cpu.set(CpuRegister.SYSCALL_RESULT, 0);
        return child;
    }

    @Override
    public long fork(GuestThread parent, long stack, long setChildTid, long clearChildTid,
            java.util.function.IntConsumer started) {
        return ForkChild.run(this, (GuestThreadImpl) parent, stack, setChildTid, clearChildTid, started);
    }

    @Override
    public int signalOthers(int pid, int signal) {
        return SignalPost.killOthers(this, pid, signal);
    }

    Machine machine() {
        return machine;
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

    void attachSignals(java.util.function.Supplier<org.osgix.signal.SignalDelivery> delivery) {
        signals = delivery;
    }

    org.osgix.signal.SignalDelivery signalDelivery() {
        return signals.get();
    }

    /** Calls that rewrite every register (rt_sigreturn, execve): served outside the engine's trap. */
    boolean runsOutsideTrap(long number) {
        return number == sigreturnNumber || number == execveNumber || number == execveatNumber;
    }

    void attachLoader(org.osgix.exec.ProgramLoader loader) {
        exec = new InPlaceExec(loader);
    }

    @Override
    public int execve(GuestThread caller, org.osgix.exec.ExecRequest request) {
        if (vforkLink != null) { // a vfork child's program starts in its own runtime
            return (int) ExecHandoff.handOff(this, caller, request.hostPath(), request.argv(), request.envp());
        }
        InPlaceExec e = exec;
        return e == null ? -org.osgix.syscall.Errno.ENOSYS : e.execve(this, (GuestThreadImpl) caller, request);
    }

    /** A machine and an empty address space for a new program (not in use until {@link #replaceImage}). */
    AddressSpaceImpl newImage() {
        return new AddressSpaceImpl(host, engine.createMachine());
    }

    /**
     * Ends every thread but {@code caller} and waits until they are gone (execve's de_thread).
     * False when the process began to exit meanwhile.
     */
    boolean killOtherThreads(GuestThreadImpl caller) {
        boolean interrupted = false;
        List<GuestThreadImpl> others;
        // again until none is left: a thread that was inside clone may have started another
        while (!(others = otherThreads(caller)).isEmpty()) {
            others.forEach(GuestThreadImpl::kill);
            for (GuestThreadImpl t : others) {
                while (true) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // a signal for the caller: it stays pending
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return !exiting.get();
    }

    private List<GuestThreadImpl> otherThreads(GuestThreadImpl caller) {
        List<GuestThreadImpl> others = new java.util.ArrayList<>();
        for (GuestThreadImpl t : threads.values()) {
            if (t != caller) {
                others.add(t);
            }
        }
        return others;
    }

    /**
     * execve's point of no return, after {@link #killOtherThreads}: the caller moves to the new
     * machine as the main thread, and the old program's memory and machine are given back.
     */
    void replaceImage(GuestThreadImpl caller, AddressSpaceImpl next) {
        Machine oldMachine = machine;
        AddressSpaceImpl oldMemory = memory;
        int oldTid = caller.tid();
        caller.rebind(next.machine(), pid);
        caller.setName(null); // the new program's name is its file's
        threads.remove(oldTid);
        threads.put(pid, caller);
        machine = next.machine();
        memory = next;
        oldMachine.lock();
        try {
            oldMachine.close();
        } finally {
            oldMachine.unlock();
        }
        oldMemory.release();
    }

    /**
     * Calls that always run outside the engine's trap: rt_sigreturn rewrites every register, and
     * a vfork parent holding a shared CPU would wait forever for its child.
     */
    boolean leavesTrap(long number) {
        return number == sigreturnNumber || machine.sharedCpu()
                && (number == vforkNumber || number == cloneNumber || number == clone3Number);
    }

    /** {@code path}: the path the program was started by (its last component is the command name). */
    void setProgram(String path, String executable, List<String> arguments, List<String> environment) {
        this.environment = List.copyOf(environment);
        this.commandName = path.substring(path.lastIndexOf('/') + 1);
        if (ownsRuntime()) {
            HostComm.publish(commandName);
        }
        this.executable = executable;
        this.arguments = List.copyOf(arguments);
    }

    /** True when this JVM is the guest's alone (./osgix or a child runtime), not a test framework's. */
    boolean ownsRuntime() {
        return "true".equals(options.get(GuestLaunch.DIE_BY_SIGNAL)) || options.containsKey(ChildRuntimes.CHILD_OPTION);
    }

    void setAuxv(byte[] auxv) {
        this.auxv = auxv.clone();
    }

    // ------------------------------------------------------------------ the engine's trap

    /**
     * True when a syscall must be served outside the engine's trap: the CPU is shared by several
     * threads and the handler may wait for one of them, or another thread waits for the CPU
     * (syscalls are the only switch points of a shared CPU).
     */
    boolean mustLeaveCpu(Dispatcher.Entry entry) {
        return machine.sharedCpu() && live.get() > 1
            && (entry == null || !entry.nonBlocking() || machine.cpuContended());
    }

    // ------------------------------------------------------------------ threads

    /** Creates the main thread at the loaded image's entry and starts it. */
    void startMain(long entry, long stackPointer) {
        GuestThreadImpl main = new GuestThreadImpl(pid, this, machine, host);
        main.vcpu().set(CpuRegister.PC, entry);
        main.vcpu().set(CpuRegister.SP, stackPointer);
        main.start();
    }

    @Override
    public GuestThread newThread(GuestThread parent, long stack, boolean setTls, long tls) {
        GuestThreadImpl child = new GuestThreadImpl(nextTid.incrementAndGet(), this, machine, host);
        Vcpu cpu = child.vcpu();
        cpu.copyFrom(((GuestThreadImpl) parent).vcpu());
        cpu.set(CpuRegister.SYSCALL_RESULT, 0);
        child.setName(parent.name());
        if (stack != 0) {
            cpu.set(CpuRegister.SP, stack);
        }
        if (setTls) {
            cpu.set(CpuRegister.TLS, tls);
        }
        org.osgix.signal.SignalDelivery delivery = signalDelivery();
        if (delivery != null) {
            delivery.threadCreated(parent, child); // the child's signal mask is its parent's
        }
        return child;
    }

    void threadStarting(GuestThreadImpl thread) {
        threads.put(thread.tid(), thread);
        live.incrementAndGet();
        List<Runnable> held;
        synchronized (earlySignals) {
            held = List.copyOf(earlySignals);
            earlySignals.clear();
            started = true;
        }
        held.forEach(Runnable::run);
    }

    /**
     * Delivers a signal another process or the host sent, or holds it until the first thread
     * starts: a fork child's runtime exists (its pid is known to the parent) before its signal
     * state is the inherited one, which would replace what was pending.
     */
    void whenStarted(Runnable delivery) {
        synchronized (earlySignals) {
            if (!started) {
                earlySignals.add(delivery);
                return;
            }
        }
        delivery.run();
    }

    void threadExited(GuestThreadImpl thread) {
        threads.remove(thread.tid());
        cpuTimes.threadEnded(thread); // on the ending thread itself, unless its exit call did it
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
        if (vforkLink != null) { // the machine and memory are the parent's
            vforkLink.ended(this, exitStatus, killSignal);
            fds.closeAll();
            exited.complete(exitStatus);
            return;
        }
        fds.closeAll();
        machine.lock();
        try {
            machine.close();
        } finally {
            machine.unlock();
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
    public java.util.Collection<? extends GuestThread> threads() {
        return List.copyOf(threads.values());
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
        if (!exiting.get()) {
            killSignal = signal;
        }
        terminate(128 + signal);
    }

    void killBySignal(int signal, String why) {
        // like qemu-user, say why the guest died: the shell would print "Segmentation fault" natively
        System.err.println("osgix: guest killed by signal " + signal + " (" + why + ")");
        killBySignal(signal);
    }

    /** The signal that killed the process (its runtime dies by it too), or 0 after an exit. */
    int killSignal() {
        return exitStatus == 128 + killSignal ? killSignal : 0;
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
    public int initPid() {
        return ChildRuntimes.initPid();
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
    public List<String> environment() {
        return environment;
    }

    @Override
    public String commandName() {
        return commandName;
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
        int r = limits.set(res, current, maximum, credentials.euid() == 0);
        if (r == 0 && res == RLIMIT_NOFILE) {
            fds.setLimit((int) Math.min(Integer.MAX_VALUE, current & Long.MAX_VALUE));
        }
        return r;
    }

    @Override
    public long exclusive(LongSupplier op) {
        machine.lock();
        try {
            return op.getAsLong();
        } finally {
            machine.unlock();
        }
    }

    @Override
    public <T> T state(Class<T> key, Supplier<T> init) {
        return states.get(key, init);
    }
}
