package org.osgix.kernel.internal;

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
    private static final int SIGSEGV = 11, SIGILL = 4, SIGFPE = 8, SIGTRAP = 5, SIGBUS = 7;

    private final int tid;
    private final GuestProcessImpl process;
    private final Vcpu vcpu;
    private final CallFrame frame;
    private final Thread javaThread;
    private final HostWaiter waiter;
    private volatile long clearChildTid;
    private volatile long robustHead;
    private volatile long robustLength;
    private volatile boolean exitRequested;
    private volatile int exitStatus;
    /** The winner looked up for a deferred syscall: the handler that runs is the one checked. */
    private Dispatcher.Entry deferred;

    GuestThreadImpl(int tid, GuestProcessImpl process, Machine machine, Host host) {
        this.tid = tid;
        this.process = process;
        this.vcpu = machine.newVcpu(this);
        this.frame = new CallFrame(this, process);
        this.waiter = new HostWaiter(host);
        this.javaThread = new Thread(this, "guest-" + tid);
    }

    Vcpu vcpu() {
        return vcpu;
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

    @Override
    public int tid() {
        return tid;
    }

    @Override
    public GuestProcess process() {
        return process;
    }

    @Override
    public long clearChildTid() {
        return clearChildTid;
    }

    @Override
    public void setClearChildTid(long addr) {
        clearChildTid = addr;
    }

    @Override
    public long robustListHead() {
        return robustHead;
    }

    @Override
    public long robustListLength() {
        return robustLength;
    }

    @Override
    public void setRobustList(long head, long len) {
        robustHead = head;
        robustLength = len;
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
    public int awaitHostFd(int hostFd, int events, long timeoutNanos) {
        if (isInterrupted()) {
            return -Errno.EINTR;
        }
        return waiter.await(hostFd, events, timeoutNanos);
    }

    @Override
    public boolean isInterrupted() {
        return process.isExiting() || exitRequested;
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
        if (process.mustLeaveCpu(entry)) {
            deferred = entry;
            return DEFER;
        }
        long result = process.dispatcher().dispatch(frame, entry);
        if (exitRequested || process.isExiting()) {
            vcpu.requestStop();
        }
        return result;
    }

    @Override
    public void run() {
        try {
            while (!exitRequested && !process.isExiting()) {
                int exit = vcpu.run();
                switch (exit) {
                    case Machine.EXIT_SYSCALL -> {
                        Dispatcher.Entry entry = deferred;
                        deferred = null;
                        vcpu.set(CpuRegister.SYSCALL_RESULT, process.dispatcher().dispatch(frame, entry));
                    }
                    case Machine.EXIT_STOPPED -> {
                        // stopped by exit_group or a fatal signal: the loop condition ends it
                    }
                    case Machine.EXIT_SEGV, Machine.EXIT_HALT -> process.killBySignal(SIGSEGV,
                            "segmentation fault at 0x" + Long.toHexString(vcpu.faultAddress()) + ", pc 0x" + Long.toHexString(vcpu.get(CpuRegister.PC)));
                    case Machine.EXIT_BUS -> process.killBySignal(SIGBUS,
                            "bus error at 0x" + Long.toHexString(vcpu.faultAddress()));
                    case Machine.EXIT_ILLEGAL -> process.killBySignal(SIGILL,
                            "illegal instruction at 0x" + Long.toHexString(vcpu.get(CpuRegister.PC)));
                    case Machine.EXIT_FPE -> process.killBySignal(SIGFPE, "arithmetic exception");
                    case Machine.EXIT_TRAP -> process.killBySignal(SIGTRAP, "trace/breakpoint trap");
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
