package org.osgix.kernel.internal;

import static org.osgix.syscall.SignalNumbers.SIGBUS;
import static org.osgix.syscall.SignalNumbers.SIGFPE;
import static org.osgix.syscall.SignalNumbers.SIGILL;
import static org.osgix.syscall.SignalNumbers.SIGSEGV;
import static org.osgix.syscall.SignalNumbers.SIGTRAP;

import java.util.function.Supplier;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;
import org.osgix.engine.Vcpu;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;

/**
 * A guest thread: a Java thread that runs its vCPU. The engine reports each syscall instruction
 * through {@link #onSyscall}; the call is served right there unless the engine's CPU is shared
 * and the handler may wait (or another thread waits for the CPU): then the vCPU leaves the guest
 * and the handler runs in {@link #run()}'s loop, without the CPU, concurrently with other threads.
 */
final class GuestThreadImpl implements GuestThread, Runnable, TrapHandler {
    private static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2;

    private volatile int tid;
    private final GuestProcessImpl process;
    /** Replaced only by execve, on this thread (the new program's CPU). */
    private volatile Vcpu vcpu;
    private final CallFrame frame;
    private final Thread javaThread;
    private final HostWaiter waiter;
    private final StateSlots states = new StateSlots();
    private volatile boolean exitRequested;
    private volatile int exitStatus;
    /** Only this thread's own calls set and read it (restart_syscall). */
    private org.osgix.syscall.SyscallHandler restartBlock;
    /** The winner looked up for a deferred syscall: the handler that runs is the one checked. */
    private Dispatcher.Entry deferred;
    /** Why the last onSyscall deferred: the call runs now, its result is held, or it is undone. */
    private int deferredKind;
    private long heldResult;
    private static final int RUN_DEFERRED = 0, RESULT_HELD = 1, UNDO = 2;
    private static final int SYSCALL_LENGTH = 2;
    /** A signal may be deliverable: deliver at the next boundary (set from any thread). */
    private volatile boolean signalWork;
    /** PR_SET_NAME's name, or null: the process's command name. */
    private volatile byte[] name;
    private final java.util.concurrent.atomic.AtomicBoolean cpuAccounted = new java.util.concurrent.atomic.AtomicBoolean();
    private final Object signalLock = new Object();
    private final boolean preciseStops;

    GuestThreadImpl(int tid, GuestProcessImpl process, Machine machine, Host host) {
        this.tid = tid;
        this.process = process;
        this.vcpu = machine.newVcpu(this);
        this.preciseStops = machine.preciseStops();
        this.frame = new CallFrame(this, process);
        this.waiter = new HostWaiter(host);
        this.javaThread = new Thread(this, "guest-" + tid);
    }

    Vcpu vcpu() {
        return vcpu;
    }

    /**
     * execve: this thread leaves the old machine for {@code machine} with a fresh CPU (registers
     * zero, FPU state at its defaults) and takes thread id {@code newTid}. Runs on this thread.
     */
    void rebind(Machine machine, int newTid) {
        Vcpu old = vcpu;
        vcpu = machine.newVcpu(this);
        old.close();
        tid = newTid;
        javaThread.setName("guest-" + newTid);
        // the families' per-thread state (clear_child_tid, the robust list) belongs to the old image
        states.clear();
    }

    /** Ends this thread without ending the process (another thread's execve). */
    void kill() {
        exitRequested = true;
        interruptWaits();
    }

    boolean isCurrent() {
        return Thread.currentThread() == javaThread;
    }

    CallFrame frame() {
        return frame;
    }

    boolean exitRequested() {
        return exitRequested;
    }

    int exitStatus() {
        return exitStatus;
    }

    /** The id of the Java thread that runs this guest thread (its CPU time is the guest thread's). */
    long javaThreadId() {
        return javaThread.getId();
    }

    @Override
    public byte[] name() {
        byte[] n = name;
        return n == null ? null : n.clone();
    }

    @Override
    public void setName(byte[] next) {
        name = next == null ? null : next.clone();
    }

    @Override
    public int tid() {
        return tid;
    }

    @Override
    public GuestProcess process() {
        return process;
    }

    @Override
    public <T> T state(Class<T> key, Supplier<T> init) {
        return states.get(key, init);
    }

    @Override
    public long register(CpuRegister reg) {
        return vcpu.get(reg);
    }

    @Override
    public void setRegister(CpuRegister reg, long value) {
        vcpu.set(reg, value);
    }

    @Override
    public int vectorStateSize() {
        return vcpu.vectorStateSize();
    }

    @Override
    public void readVectorState(byte[] dst) {
        vcpu.readVectorState(dst);
    }

    @Override
    public void writeVectorState(byte[] src) {
        vcpu.writeVectorState(src);
    }

    @Override
    public int awaitHostFd(int hostFd, int events, long timeoutNanos) {
        if (isInterrupted()) {
            return -Errno.EINTR;
        }
        return waiter.await(hostFd, events, timeoutNanos);
    }

    @Override
    public int awaitHostFutex(long hostAddress, int expected, int bitset, boolean timed, long deadline) {
        return waiter.awaitFutex(hostAddress, expected, bitset, timed, deadline, this::isInterrupted);
    }

    @Override
    public org.osgix.syscall.SyscallHandler restartBlock() {
        return restartBlock;
    }

    @Override
    public void setRestartBlock(org.osgix.syscall.SyscallHandler resume) {
        restartBlock = resume;
    }

    @Override
    public boolean isInterrupted() {
        return process.isExiting() || exitRequested || signalWork;
    }

    @Override
    public void signalPending() {
        if (Thread.currentThread() == javaThread) {
            signalWork = true; // inside one of its own syscalls: delivered when that returns
            return;
        }
        synchronized (signalLock) { // all three or none, so delivery clears every wake-up it set
            signalWork = true;
            javaThread.interrupt();
            waiter.kick();
        }
        if (preciseStops) {
            vcpu.requestStop(); // a thread spinning in guest code takes it now; others at their next syscall
        }
    }

    /** Hands pending signals to the signal family (frames, default actions, restarts). */
    private void deliverSignals(CallFrame call, long result) {
        synchronized (signalLock) {
            signalWork = false;
            Thread.interrupted();
            waiter.clearKick();
        }
        org.osgix.signal.SignalDelivery delivery = process.signalDelivery();
        if (delivery != null) {
            delivery.deliver(this, call, call == null ? -1 : call.number, result);
        }
    }

    /** A fault in guest code: the guest's handler runs, or the fault kills the process. */
    private void fault(int sig, int code, long addr, String why) {
        org.osgix.signal.SignalDelivery delivery = process.signalDelivery();
        if (delivery == null || !delivery.fault(this, sig, code, addr)) {
            process.killBySignal(sig, why);
        }
    }

    /** Ends any wait of this thread and stops its guest code (exit_group, fatal signals). */
    void interruptWaits() {
        waiter.interrupt();
        javaThread.interrupt();
        vcpu.requestStop();
    }

    @Override
    public void exit(int status) {
        exitStatus = status;
        exitRequested = true;
        if (Thread.currentThread() == javaThread) {
            process.cpuTimes().threadEnded(this); // its time counts from now on as an ended thread's
        }
    }

    /** True the first time: this thread's CPU time is being added to its process's ended sums. */
    boolean markCpuAccounted() {
        return cpuAccounted.compareAndSet(false, true);
    }

    boolean cpuAccounted() {
        return cpuAccounted.get();
    }

    @Override
    public void start() {
        process.threadStarting(this);
        javaThread.start();
    }

    void join() throws InterruptedException {
        javaThread.join();
    }

    // ------------------------------------------------------------------ the engine's trap

    @Override
    public long onSyscall(long number, long a0, long a1, long a2, long a3, long a4, long a5) {
        frame.set(number, a0, a1, a2, a3, a4, a5);
        Dispatcher.Entry entry = process.dispatcher().entry(number);
        if (signalWork) {
            deferredKind = UNDO; // deliver first, as Linux would have before this syscall
            return DEFER;
        }
        if (process.mustLeaveCpu(entry) || process.runsOutsideTrap(number) || process.leavesTrap(number)) {
            deferred = entry;
            deferredKind = RUN_DEFERRED;
            return DEFER;
        }
        long result = process.dispatcher().dispatch(frame, entry);
        if (exitRequested || process.isExiting()) {
            vcpu.requestStop();
        } else if (signalWork) {
            heldResult = result; // delivered outside the trap, where registers may change
            deferredKind = RESULT_HELD;
            return DEFER;
        }
        return result;
    }

    /** A syscall left the engine: run it (or take its held result, or undo it), then signals. */
    private void syscallExit() {
        long result = 0;
        CallFrame call = frame;
        if (deferredKind == UNDO) {
            vcpu.set(CpuRegister.PC, vcpu.get(CpuRegister.PC) - SYSCALL_LENGTH);
            vcpu.set(CpuRegister.SYSCALL_RESULT, frame.number);
            call = null;
        } else {
            Dispatcher.Entry entry = deferred;
            deferred = null;
            result = deferredKind == RESULT_HELD ? heldResult : process.dispatcher().dispatch(frame, entry);
            vcpu.set(CpuRegister.SYSCALL_RESULT, result);
        }
        deferredKind = RUN_DEFERRED;
        if (signalWork && !exitRequested && !process.isExiting()) {
            deliverSignals(call, result);
        }
    }

    @Override
    public void run() {
        try {
            while (!exitRequested && !process.isExiting()) {
                int exit = vcpu.run();
                switch (exit) {
                    case Machine.EXIT_SYSCALL -> syscallExit();
                    case Machine.EXIT_STOPPED -> {
                        // exit_group or a fatal signal (the loop condition ends it), or a signal
                        if (signalWork && !exitRequested && !process.isExiting()) {
                            deliverSignals(null, 0);
                        }
                    }
                    case Machine.EXIT_SEGV, Machine.EXIT_HALT -> fault(SIGSEGV,
                            // the guest's own map decides: the host may hold a reservation there
                            process.addressSpace().isMapped(vcpu.faultAddress()) ? SEGV_ACCERR : SEGV_MAPERR,
                            vcpu.faultAddress(),
                            "segmentation fault at 0x" + Long.toHexString(vcpu.faultAddress()) + ", pc 0x" + Long.toHexString(vcpu.get(CpuRegister.PC)));
                    case Machine.EXIT_BUS -> fault(SIGBUS, vcpu.faultCode(), vcpu.faultAddress(),
                            "bus error at 0x" + Long.toHexString(vcpu.faultAddress()));
                    case Machine.EXIT_ILLEGAL -> fault(SIGILL, vcpu.faultCode(), vcpu.get(CpuRegister.PC),
                            "illegal instruction at 0x" + Long.toHexString(vcpu.get(CpuRegister.PC)));
                    case Machine.EXIT_FPE -> fault(SIGFPE, vcpu.faultCode(), vcpu.get(CpuRegister.PC), "arithmetic exception");
                    case Machine.EXIT_TRAP -> fault(SIGTRAP, vcpu.faultCode(), vcpu.get(CpuRegister.PC), "trace/breakpoint trap");
                    default -> process.killBySignal(SIGSEGV, "unknown engine exit " + exit);
                }
            }
        } catch (RuntimeException | Error bug) {
            process.internalError(this, bug);
        } finally {
            vcpu.close(); // on the thread that ran it: a native vCPU detaches from its host thread
            waiter.close();
            process.threadExited(this);
        }
    }
}
