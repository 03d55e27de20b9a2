package org.osgix.engine.nativecpu.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;
import org.osgix.engine.Vcpu;

/**
 * A guest process whose code runs on the host CPU. Guest memory is host memory at the same
 * addresses; {@link #map} gives it the guest's protection on the host, so the CPU itself faults
 * where Linux would. Each guest thread runs on its own host thread, all at once: the lock only
 * orders memory-view changes and code rewriting.
 */
final class NativeMachine implements Machine {
    static final long SYS_MMAP = 9, SYS_MPROTECT = 10, SYS_MUNMAP = 11, SYS_GETPID = 39;
    static final int PROT_NONE = 0;

    private final ReentrantLock lock = new ReentrantLock();
    private final MemoryRegions regions = new MemoryRegions();
    private final SyscallSites sites = new SyscallSites(this);
    private final AtomicInteger live = new AtomicInteger();
    final int xsaveSize = NativeShim.osgix_xsave_size();
    final long xcr0 = NativeShim.osgix_xcr0();
    final int pid = (int) NativeShim.osgix_raw_syscall(SYS_GETPID, 0, 0, 0, 0, 0, 0);

    @Override
    public int map(long addr, long len, int prot, int flags) {
        lock.lock();
        try {
            long r = NativeShim.osgix_raw_syscall(SYS_MPROTECT, addr, len, prot, 0, 0, 0);
            if (r == 0) {
                regions.set(addr, addr + len, prot, flags);
            }
            return (int) r;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int unmap(long addr, long len) {
        lock.lock();
        try {
            regions.clear(addr, addr + len);
            return (int) NativeShim.osgix_raw_syscall(SYS_MPROTECT, addr, len, PROT_NONE, 0, 0, 0);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flushCode(long addr, long len) {
        // the host CPU keeps instruction fetches coherent with stores
    }

    @Override
    public boolean hostProtections() {
        return true;
    }

    @Override
    public boolean preciseStops() {
        return true; // the kick signal leaves the guest between two instructions
    }

    @Override
    public boolean sharedCpu() {
        return false;
    }

    @Override
    public boolean cpuContended() {
        return false;
    }

    @Override
    public void lock() {
        lock.lock();
    }

    @Override
    public void unlock() {
        lock.unlock();
    }

    @Override
    public Vcpu newVcpu(TrapHandler traps) {
        NativeVcpu vcpu = new NativeVcpu(this, traps);
        live.incrementAndGet();
        return vcpu;
    }

    void vcpuClosed() {
        live.decrementAndGet();
    }

    int liveVcpus() {
        return live.get();
    }

    MemoryRegions regions() {
        return regions;
    }

    @Override
    public long[] forkRegions() {
        return sites.blocks();
    }

    @Override
    public boolean adoptForkRegion(long address, byte[] bytes) {
        lock.lock();
        try {
            return sites.adopt(address, bytes);
        } finally {
            lock.unlock();
        }
    }

    SyscallSites sites() {
        return sites;
    }

    @Override
    public void close() {
        // vCPUs free themselves (each on its own thread, before this)
        lock.lock();
        try {
            sites.release();
        } finally {
            lock.unlock();
        }
    }
}
