package org.osgix.kernel.internal;

import org.osgix.engine.CpuContext;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;

/**
 * A guest thread: a Java thread that runs its CPU context whenever it holds the process's CPU.
 * Syscalls of a single-threaded process are served inside the engine's trap; once the process has
 * several threads, each syscall leaves the engine and releases the CPU while its handler runs, so
 * handlers of different threads run concurrently.
 */
final class GuestThreadImpl implements GuestThread, Runnable {
    private static final int SIGSEGV = 11, SIGILL = 4, SIGFPE = 8, SIGTRAP = 5;

    private final int tid;
    private final GuestProcessImpl process;
    private final CpuContext context;
    private final CallFrame frame;
    private final Thread javaThread;
    private final HostWaiter waiter;
    private volatile long clearChildTid;
    private volatile long robustHead;
    private volatile long robustLength;
    private volatile boolean exitRequested;
    private volatile int exitStatus;

    GuestThreadImpl(int tid, GuestProcessImpl process, CpuContext context, Host host) {
        this.tid = tid;
        this.process = process;
        this.context = context;
        this.frame = new CallFrame(this, process);
        this.waiter = new HostWaiter(host);
        this.javaThread = new Thread(this, "guest-" + tid);
    }

    CpuContext context() {
        return context;
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
        Cpu cpu = process.cpu();
        cpu.acquire(this);
        try {
            return cpu.machine().get(reg);
        } finally {
            cpu.release();
        }
    }

    @Override
    public void setRegister(CpuRegister reg, long value) {
        Cpu cpu = process.cpu();
        cpu.acquire(this);
        try {
            cpu.machine().set(reg, value);
        } finally {
            cpu.release();
        }
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

    /** Ends any wait of this thread (exit_group). */
    void interruptWaits() {
        waiter.interrupt();
        javaThread.interrupt();
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

    @Override
    public void run() {
        Cpu cpu = process.cpu();
        Machine machine = cpu.machine();
        cpu.acquire(this);
        try {
            while (!exitRequested && !process.isExiting()) {
                int exit = cpu.run(this);
                switch (exit) {
                    case Machine.EXIT_SYSCALL -> {
                        cpu.release();
                        long result;
                        try {
                            result = process.dispatcher().dispatch(frame);
                        } finally {
                            cpu.acquire(this);
                        }
                        machine.set(CpuRegister.SYSCALL_RESULT, result);
                    }
                    case Machine.EXIT_STOPPED -> {
                        // stopped by exit_group or a fatal signal: the loop condition ends it
                    }
                    case Machine.EXIT_SEGV, Machine.EXIT_HALT -> process.killBySignal(SIGSEGV,
                            "segmentation fault at 0x" + Long.toHexString(machine.faultAddress()));
                    case Machine.EXIT_ILLEGAL -> process.killBySignal(SIGILL,
                            "illegal instruction at 0x" + Long.toHexString(machine.get(CpuRegister.PC)));
                    case Machine.EXIT_FPE -> process.killBySignal(SIGFPE, "arithmetic exception");
                    case Machine.EXIT_TRAP -> process.killBySignal(SIGTRAP, "trace/breakpoint trap");
                    default -> process.killBySignal(SIGSEGV, "unknown engine exit " + exit);
                }
            }
        } catch (RuntimeException | Error bug) {
            process.internalError(this, bug);
        } finally {
            cpu.forget(this);
            context.close(); // engine state: only under the CPU
            cpu.release();
            waiter.close();
            process.threadExited(this);
        }
    }

    /** Serves a syscall inside the engine's trap (single-threaded, or a handler that never waits). */
    long serveInTrap(Dispatcher.Entry entry) {
        return process.dispatcher().dispatch(frame, entry);
    }
}
