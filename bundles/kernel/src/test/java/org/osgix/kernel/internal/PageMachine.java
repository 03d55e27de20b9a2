package org.osgix.kernel.internal;

import java.util.TreeMap;
import org.osgix.engine.CpuContext;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;

/** A machine that only records which pages the guest can see, with which protection. */
final class PageMachine implements Machine {
    final TreeMap<Long, Integer> pages = new TreeMap<>();
    int flushes;

    @Override
    public int map(long addr, long len, int prot) {
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
    public CpuContext newContext() {
        return () -> { };
    }

    @Override
    public void save(CpuContext ctx) {
    }

    @Override
    public void load(CpuContext ctx) {
    }

    @Override
    public long get(CpuRegister reg) {
        return 0;
    }

    @Override
    public void set(CpuRegister reg, long value) {
    }

    @Override
    public int run() {
        return EXIT_HALT;
    }

    @Override
    public long faultAddress() {
        return 0;
    }

    @Override
    public void requestStop() {
    }

    @Override
    public void close() {
    }
}
