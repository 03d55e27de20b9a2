package org.osgix.kernel.internal;

import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;
import org.osgix.engine.Vcpu;

/** A machine that only records which pages the guest can see, with which protection. */
final class PageMachine implements Machine {
    final TreeMap<Long, Integer> pages = new TreeMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    int flushes;

    @Override
    public int map(long addr, long len, int prot, int flags) {
        for (long p = addr; p < addr + len; p += 4096) {
            if (pages.containsKey(p)) {
                throw new AssertionError("page mapped twice in the engine: 0x" + Long.toHexString(p));
            }
            pages.put(p, prot);
        }
        return 0;
    }

    @Override
    public int unmap(long addr, long len) {
        for (long p = addr; p < addr + len; p += 4096) {
            if (pages.remove(p) == null) {
                throw new AssertionError("unmapping an invisible page: 0x" + Long.toHexString(p));
            }
        }
        return 0;
    }

    Integer protAt(long addr) {
        return pages.get(addr & ~4095L);
    }

    @Override
    public void flushCode(long addr, long len) {
        flushes++;
    }

    @Override
    public boolean hostProtections() {
        return false;
    }

    @Override
    public boolean sharedCpu() {
        return true;
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
        throw new UnsupportedOperationException("PageMachine runs no code");
    }

    @Override
    public void close() {
    }
}
