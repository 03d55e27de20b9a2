package org.osgix.kernel.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.osgix.engine.Machine;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.support.CheckedMemory;

/**
 * A guest address space whose guest addresses are host addresses. Mappings live in an immutable
 * {@link VmaList} that readers check without locking; every change runs under the machine's lock
 * (with a shared CPU, no guest instruction runs while the engine's view changes).
 *
 * <p>When the engine runs guest code on the host's pages ({@link Machine#hostProtections()}),
 * the host protection of every page the guest owns is the guest's: the engine's {@code map}
 * sets it, {@code unmap} takes all access away, and a protection change is one {@code map}.
 */
final class AddressSpaceImpl extends CheckedMemory implements AddressSpace {
    /** The end of the x86_64 user address space (47 bits, last page excluded as Linux does). */
    static final long USER_END = 0x7fff_ffff_f000L;
    private static final long PAGE_MASK = PAGE_SIZE - 1;

    private final Host host;
    private final NativeMemory mem;
    private final Machine machine;
    private final boolean hostProtections;
    private final HostReservations reservations;
    private final FileOrigins origins;
    private final SharedBackings backings;
    private final MappingContents contents;
    private volatile VmaList vmas = VmaList.EMPTY;
    private long brkStart;
    private long brkCurrent;

    AddressSpaceImpl(Host host, Machine machine) {
        super(host.memory());
        this.host = host;
        this.mem = host.memory();
        this.machine = machine;
        this.hostProtections = machine.hostProtections();
        this.reservations = new HostReservations(host);
        this.origins = new FileOrigins(host);
        this.backings = new SharedBackings(host);
        this.contents = new MappingContents(host, reservations);
    }

    Machine machine() {
        return machine;
    }

    static long pageUp(long v) {
        return (v + PAGE_MASK) & ~PAGE_MASK;
    }

    /** x86: any access right implies read. */
    private static int effective(int prot) {
        return prot == 0 ? 0 : prot | PROT_READ;
    }

    // ------------------------------------------------------------------ checks and accessors

    @Override
    public long hostAddress(long addr, long len, int access) {
        if (len == 0) {
            return addr;
        }
        return vmas.covers(addr, len, access) ? addr : -Errno.EFAULT;
    }

    @Override
    public boolean isAccessible(long addr, long len, int access) {
        return len == 0 || vmas.covers(addr, len, access);
    }

    @Override
    public boolean isShared(long addr) {
        Vma v = vmas.find(addr);
        return v != null && v.shared();
    }

    /** True when some guest mapping covers {@code addr} (a fault there is SEGV_ACCERR, not MAPERR). */
    boolean isMapped(long addr) {
        return vmas.find(addr) != null;
    }

    @Override
    protected void check(long addr, long len, int access) {
        if (!vmas.covers(addr, len, access)) {
            throw new GuestFault(addr);
        }
    }

    @Override
    public String readCString(long addr, int maxLen) {
        long cursor = addr;
        long limit = addr + maxLen + 1L; // room for the NUL
        VmaList list = vmas;
        while (cursor < limit) {
            Vma v = list.find(cursor);
            if (v == null || (effective(v.prot()) & PROT_READ) == 0) {
                throw new GuestFault(cursor);
            }
            long span = Math.min(v.end(), limit) - cursor;
            long nul = mem.indexOfNul(cursor, span);
            if (nul >= 0) {
                int len = (int) (cursor + nul - addr);
                byte[] bytes = new byte[len];
                mem.get(addr, bytes, 0, len);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            cursor += span;
        }
        return null;
    }

    // ------------------------------------------------------------------ mapping changes

    @Override
    public long mmap(long addr, long len, int prot, int flags, int hostFd, long offset, String name) {
        if (len <= 0 || (offset & PAGE_MASK) != 0) {
            return -Errno.EINVAL;
        }
        long size = pageUp(len);
        if (size <= 0 || size > USER_END) {
            return -Errno.ENOMEM;
        }
        boolean fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
        if (fixed && (addr & PAGE_MASK) != 0) {
            return -Errno.EINVAL;
        }
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0 || hostFd < 0;
        boolean shared = (flags & MAP_TYPE) != MAP_PRIVATE;
        machine.lock();
        try {
            long start;
            if (fixed) {
                if (addr + size > USER_END || addr + size < addr) {
                    return -Errno.ENOMEM;
                }
                if ((flags & MAP_FIXED_NOREPLACE) != 0 && (flags & MAP_FIXED) == 0
                        && vmas.intersects(addr, addr + size)) {
                    return -Errno.EEXIST;
                }
                int claimed = reservations.claim(addr, addr + size);
                if (claimed < 0) {
                    return claimed;
                }
                start = addr;
            } else {
                start = Placement.place(vmas, reservations, addr, size, flags);
                if (start < 0) {
                    return start;
                }
            }
            SharedBacking backing = null;
            if (shared) {
                backing = anonymous ? backings.anonymous(size) : backings.file(hostFd);
                if (backing == null) {
                    return -Errno.ENOMEM;
                }
            }
            // Linux ignores the offset of anonymous shared memory: its object starts with the mapping
            return install(start, size, prot, anonymous, backing, hostFd, anonymous && shared ? 0 : offset, name);
        } finally {
            machine.unlock();
        }
    }

    /**
     * A forked child's view of its parent's shared mapping: the same host object ({@code backing},
     * adopted with {@link #adoptBacking}) at the same address and offset.
     */
    long mapShared(long start, long size, int prot, boolean fileShared, SharedBacking backing, long offset,
            String name) {
        machine.lock();
        try {
            int claimed = reservations.claim(start, start + size);
            if (claimed < 0) {
                return claimed;
            }
            return install(start, size, prot, !fileShared, backing, -1, offset, name);
        } finally {
            machine.unlock();
        }
    }

    /** Takes ownership of a host fd behind a parent's shared mapping (closed with the last mapping of it). */
    SharedBacking adoptBacking(int hostFd) {
        machine.lock();
        try {
            return backings.adopt(hostFd);
        } finally {
            machine.unlock();
        }
    }

    /** Closes the adopted backings no mapping uses (a fork child's, once its mappings are made). */
    void dropUnusedBackings() {
        machine.lock();
        try {
            backings.retainOnly(vmas.all());
        } finally {
            machine.unlock();
        }
    }

    /** Fills owned [start, start+size) and installs the mapping; under the lock. */
    private long install(long start, long size, int prot, boolean anonymous, SharedBacking backing, int hostFd,
            long offset, String name) {
        boolean shared = backing != null;
        boolean fileShared = !anonymous && shared;
        FileOrigin origin = anonymous || shared ? null : origins.of(hostFd);
        int filled = contents.fill(start, size, prot, shared ? backing.hostFd : anonymous ? -1 : hostFd, shared, offset);
        if (filled < 0) {
            // Linux too may have dropped the old mappings of a failed MAP_FIXED.
            unmapLocked(start, start + size);
            reservations.zero(start, start + size);
            if (hostProtections) {
                machine.unmap(start, size);
            }
            backings.retainOnly(vmas.all());
            return filled;
        }
        int maxProt = fileShared ? filled : PROT_READ | PROT_WRITE | PROT_EXEC; // fill: what the open mode allows
        replace(new Vma(start, start + size, prot, maxProt, shared, fileShared, offset, anonymous ? null : name,
                origin, backing));
        return start;
    }

    /** Installs {@code vma}, replacing whatever the guest had there, and updates the engine. */
    private void replace(Vma vma) {
        if (hostProtections) {
            flushExecutable(vma.start(), vma.end()); // one protection change: no window without access
        } else {
            hide(vma.start(), vma.end());
        }
        List<Vma> dropped = vmas.within(vma.start(), vma.end());
        VmaList next = vmas.remove(vma.start(), vma.end()).add(vma);
        vmas = next;
        show(vma);
        forget(dropped);
    }

    /** Closes the file origins and shared backings only {@code dropped} mappings referred to. */
    private void forget(List<Vma> dropped) {
        if (dropped.stream().anyMatch(v -> v.origin() != null)) {
            origins.retainOnly(vmas.all());
        }
        if (dropped.stream().anyMatch(v -> v.backing() != null)) {
            backings.retainOnly(vmas.all());
        }
    }

    /** Removes every visible part of [start, end) from the engine. */
    private void hide(long start, long end) {
        for (Vma old : vmas.within(start, end)) {
            if (old.prot() != 0 || hostProtections) {
                machine.unmap(old.start(), old.length());
                if ((old.prot() & PROT_EXEC) != 0) {
                    machine.flushCode(old.start(), old.length());
                }
            }
        }
    }

    private void flushExecutable(long start, long end) {
        for (Vma old : vmas.within(start, end)) {
            if ((old.prot() & PROT_EXEC) != 0) {
                machine.flushCode(old.start(), old.length());
            }
        }
    }

    private void show(Vma vma) {
        if (vma.prot() != 0 || hostProtections) {
            int r = machine.map(vma.start(), vma.length(), effective(vma.prot()),
                    vma.shared() ? Machine.MAP_SHARED_FILE : 0);
            if (r < 0) {
                throw new IllegalStateException("engine refused mapping 0x" + Long.toHexString(vma.start())
                        + " (" + r + ")");
            }
        }
    }

    @Override
    public int munmap(long addr, long len) {
        if ((addr & PAGE_MASK) != 0 || len <= 0) {
            return -Errno.EINVAL;
        }
        long end = addr + pageUp(len);
        if (end > USER_END || end < addr) {
            return -Errno.EINVAL;
        }
        machine.lock();
        try {
            unmapLocked(addr, end);
            return 0;
        } finally {
            machine.unlock();
        }
    }

    private void unmapLocked(long addr, long end) {
        List<Vma> gone = vmas.within(addr, end);
        if (gone.isEmpty()) {
            return;
        }
        for (Vma v : gone) {
            reservations.zero(v.start(), v.end()); // fresh pages, readable by the host...
        }
        hide(addr, end); // ...but not by the guest
        vmas = vmas.remove(addr, end);
        forget(gone);
    }

    @Override
    public int mprotect(long addr, long len, int prot) {
        if ((addr & PAGE_MASK) != 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) != 0) {
            return -Errno.EINVAL;
        }
        if (len == 0) {
            return 0;
        }
        long end = addr + pageUp(len);
        if (end < addr || end > USER_END) {
            return -Errno.ENOMEM;
        }
        machine.lock();
        try {
            if (!vmas.covers(addr, end - addr, 0)) {
                return -Errno.ENOMEM;
            }
            List<Vma> parts = vmas.within(addr, end);
            for (Vma v : parts) {
                if ((prot & ~v.maxProt()) != 0) {
                    return -Errno.EACCES;
                }
            }
            for (Vma v : parts) {
                if (v.prot() != prot) {
                    replace(v.withProt(prot));
                }
            }
            return 0;
        } finally {
            machine.unlock();
        }
    }

    @Override
    public long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) {
        if ((oldAddr & PAGE_MASK) != 0 || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0
                || ((flags & MREMAP_FIXED) != 0 && (flags & MREMAP_MAYMOVE) == 0) || newLen <= 0) {
            return -Errno.EINVAL;
        }
        long oldSize = pageUp(oldLen);
        long newSize = pageUp(newLen);
        machine.lock();
        try {
            Vma v = vmas.find(oldAddr);
            if (v == null || (oldSize > 0 && v.end() < oldAddr + oldSize)) {
                return -Errno.EFAULT;
            }
            Vma old = v.slice(oldAddr, oldAddr + oldSize);
            if ((flags & MREMAP_FIXED) == 0) {
                if (newSize <= oldSize) {
                    unmapLocked(oldAddr + newSize, oldAddr + oldSize);
                    return oldAddr;
                }
                long tail = oldAddr + oldSize;
                if (!vmas.intersects(tail, oldAddr + newSize) && oldAddr + newSize <= USER_END
                        && reservations.claim(tail, oldAddr + newSize) == 0) {
                    // the shared object's further pages where it has them (Linux: SIGBUS past them)
                    int filled = old.backing() == null ? reservations.zero(tail, oldAddr + newSize)
                            : contents.fill(tail, newSize - oldSize, old.prot(), old.backing().hostFd, true,
                                    old.offset() + oldSize);
                    if (filled < 0) {
                        return -Errno.ENOMEM;
                    }
                    Vma grown = new Vma(tail, oldAddr + newSize, old.prot(), old.maxProt(), old.shared(),
                            old.fileShared(), old.offset() + oldSize, old.name(), null, old.backing());
                    replace(grown);
                    return oldAddr;
                }
                if ((flags & MREMAP_MAYMOVE) == 0) {
                    return -Errno.ENOMEM;
                }
            }
            if (old.fileShared()) {
                return -Errno.EINVAL; // moving a shared file mapping is not supported
            }
            long target;
            if ((flags & MREMAP_FIXED) != 0) {
                if ((newAddr & PAGE_MASK) != 0 || newAddr + newSize > USER_END
                        || (newAddr < oldAddr + oldSize && oldAddr < newAddr + newSize)) {
                    return -Errno.EINVAL;
                }
                unmapLocked(newAddr, newAddr + newSize);
                if (reservations.claim(newAddr, newAddr + newSize) < 0) {
                    return -Errno.ENOMEM;
                }
                target = newAddr;
            } else {
                target = Placement.place(vmas, reservations, 0, newSize, 0);
                if (target < 0) {
                    return target;
                }
            }
            if (old.backing() != null) {
                // shared memory moves: the same object mapped at the target, no copy
                if (contents.fill(target, newSize, old.prot(), old.backing().hostFd, true, old.offset()) < 0) {
                    return -Errno.ENOMEM;
                }
            } else {
                reservations.zero(target, target + newSize);
                if (hostProtections && (old.prot() & PROT_READ) == 0) {
                    machine.map(oldAddr, oldSize, PROT_READ, 0); // the host copies what the guest cannot read
                }
                mem.copy(target, oldAddr, Math.min(oldSize, newSize));
                if (hostProtections && (old.prot() & PROT_READ) == 0) {
                    show(old);
                }
            }
            replace(new Vma(target, target + newSize, old.prot(), old.maxProt(), old.shared(), false,
                    old.offset(), old.name(), old.origin(), old.backing()));
            if ((flags & MREMAP_DONTUNMAP) == 0) {
                unmapLocked(oldAddr, oldAddr + oldSize);
            }
            return target;
        } finally {
            machine.unlock();
        }
    }

    @Override
    public int madvise(long addr, long len, int advice) {
        if ((addr & PAGE_MASK) != 0 || len < 0) {
            return -Errno.EINVAL;
        }
        switch (advice) {
            case MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTFORK, MADV_DOFORK,
                    12 /* MERGEABLE */, 13 /* UNMERGEABLE */, 14 /* HUGEPAGE */, 15 /* NOHUGEPAGE */,
                    16 /* DONTDUMP */, 17 /* DODUMP */, 18 /* WIPEONFORK */, 19 /* KEEPONFORK */,
                    20 /* COLD */, 21 /* PAGEOUT */, 100 /* HWPOISON needs CAP_SYS_ADMIN: not us */ -> {
                if (advice == 100) {
                    return -Errno.EPERM;
                }
                return len == 0 || vmas.covers(addr, pageUp(len), 0) ? 0 : -Errno.ENOMEM;
            }
            case MADV_DONTNEED, MADV_FREE, MADV_REMOVE -> {
                if (len == 0) {
                    return 0;
                }
                long end = addr + pageUp(len);
                machine.lock();
                try {
                    if (!vmas.covers(addr, end - addr, 0)) {
                        return -Errno.ENOMEM;
                    }
                    for (Vma v : vmas.within(addr, end)) {
                        if (advice == MADV_DONTNEED && v.shared() && !v.fileShared()) {
                            continue; // shared anonymous memory keeps its pages: DONTNEED only drops the mapping's view
                        }
                        // anonymous shared memory is a memfd: the host applies its shmem rules (REMOVE
                        // punches a hole every sharer sees, FREE is EINVAL)
                        int r = v.fileShared() ? host.madvise(v.start(), v.length(), MADV_DONTNEED)
                                : v.shared() ? host.madvise(v.start(), v.length(), advice)
                                : reservations.zero(v.start(), v.end());
                        if (r < 0) {
                            return r;
                        }
                        if (v.origin() != null) {
                            origins.reread(v.origin(), v.start(), v.length(), v.offset()); // pages revert to the file
                        }
                        if (hostProtections && !v.fileShared()) {
                            show(v); // the fresh pages take the guest's protection again
                        }
                    }
                    return 0;
                } finally {
                    machine.unlock();
                }
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    @Override
    public long brk(long newBreak) {
        machine.lock();
        try {
            if (newBreak < brkStart || newBreak == brkCurrent) {
                return brkCurrent;
            }
            long oldTop = pageUp(brkCurrent);
            long newTop = pageUp(newBreak);
            if (newTop > oldTop) {
                if (newTop > USER_END || vmas.intersects(oldTop, newTop)
                        || reservations.claim(oldTop, newTop) < 0) {
                    return brkCurrent;
                }
                reservations.zero(oldTop, newTop);
                replace(new Vma(oldTop, newTop, PROT_READ | PROT_WRITE, 7, false, false, 0, "[heap]", null, null));
            } else if (newTop < oldTop) {
                unmapLocked(newTop, oldTop);
            }
            brkCurrent = newBreak;
            return brkCurrent;
        } finally {
            machine.unlock();
        }
    }

    @Override
    public void initBrk(long start) {
        setBrk(start, start);
    }

    /** A forked child's break: its heap is already mapped. */
    void setBrk(long start, long current) {
        machine.lock();
        try {
            brkStart = start;
            brkCurrent = current;
        } finally {
            machine.unlock();
        }
    }

    long brkStart() {
        return brkStart;
    }

    long brkCurrent() {
        return brkCurrent;
    }

    @Override
    public List<Mapping> mappings() {
        return new ArrayList<>(vmas.all());
    }

    /** Gives all host memory back (process exit; the engine is closed first). */
    void release() {
        machine.lock();
        try {
            vmas = VmaList.EMPTY;
            reservations.releaseAll();
            origins.closeAll();
            backings.closeAll();
        } finally {
            machine.unlock();
        }
    }
}
