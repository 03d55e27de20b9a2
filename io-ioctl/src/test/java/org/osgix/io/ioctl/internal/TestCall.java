package org.osgix.io.ioctl.internal;

import org.osgix.engine.CpuRegister;
import org.osgix.fd.FdTable;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/**
 * One reusable syscall context (as the kernel reuses one per thread) and its guest thread, for
 * the handler tests. Nothing here blocks, so the thread's waiting methods are not needed.
 */
final class TestCall implements SyscallContext, GuestThread {
    private final GuestProcess process;
    private final long[] args = new long[6];

    TestCall(GuestProcess process) {
        this.process = process;
    }

    /** Sets the arguments of the next ioctl call (without allocating). */
    TestCall with(long fd, long request, long arg) {
        args[0] = fd;
        args[1] = request;
        args[2] = arg;
        return this;
    }

    @Override
    public String name() {
        return "ioctl";
    }

    @Override
    public long arg0() {
        return args[0];
    }

    @Override
    public long arg1() {
        return args[1];
    }

    @Override
    public long arg2() {
        return args[2];
    }

    @Override
    public long arg3() {
        return args[3];
    }

    @Override
    public long arg4() {
        return args[4];
    }

    @Override
    public long arg5() {
        return args[5];
    }

    @Override
    public GuestThread thread() {
        return this;
    }

    @Override
    public GuestProcess process() {
        return process;
    }

    @Override
    public AddressSpace memory() {
        return process.memory();
    }

    @Override
    public FdTable fds() {
        return process.fds();
    }

    // --- the guest thread ---

    @Override
    public int tid() {
        return process.pid();
    }

    @Override
    public long clearChildTid() {
        return 0;
    }

    @Override
    public void setClearChildTid(long addr) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long robustListHead() {
        return 0;
    }

    @Override
    public long robustListLength() {
        return 0;
    }

    @Override
    public void setRobustList(long head, long len) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long register(CpuRegister reg) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setRegister(CpuRegister reg, long value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int awaitHostFd(int hostFd, int events, long timeoutNanos) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isInterrupted() {
        return Thread.currentThread().isInterrupted();
    }

    @Override
    public void exit(int status) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException();
    }
}
