package org.osgix.kernel.internal;

import static org.osgix.syscall.FileStat.ST_SIZE;

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
            int maxProt = PROT_READ | PROT_WRITE | PROT_EXEC;
            boolean fileShared = !anonymous && shared;
            FileOrigin origin = anonymous || shared ? null : origins.of(hostFd);
            int filled = fill(start, size, prot, anonymous, shared, hostFd, offset);
            if (filled < 0) {
                // Linux too may have dropped the old mappings of a failed MAP_FIXED.
                unmapLocked(start, start + size);
                reservations.zero(start, start + size);
                if (hostProtections) {
                    machine.unmap(start, size);
                }
                return filled;
            }
            if (fileShared) {
                maxProt = filled; // fill reports what the file's open mode allows
            }
            replace(new Vma(start, start + size, prot, maxProt, shared, fileShared, offset,
                    anonymous ? null : name, origin));
            return start;
        } finally {
            machine.unlock();
        }
    }

    /**
     * Gives [start, start+size) its contents: zero pages, a private copy of the file, or the
     * host's shared file mapping. Returns the max prot for shared files, 7 otherwise, or -errno.
     */
    private int fill(long start, long size, int prot, boolean anonymous, boolean shared, int hostFd, long offset) {
        if (anonymous) {
            int flags = (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED;
            long got = host.mmap(start, size, HostReservations.PROT_RW, flags, -1, 0);
            return got == start ? 7 : (int) Math.min(got, -Errno.ENOMEM);
        }
        long fileSize = fileSize(hostFd);
        if (fileSize < 0) {
            return (int) fileSize;
        }
        if (!shared) {
            int zeroed = reservations.zero(start, start + size);
            if (zeroed < 0) {
                return zeroed;
            }
            return copyFile(hostFd, start, Math.max(0, Math.min(size, fileSize - offset)), offset);
        }
        // Shared: only pages inside the file are file-backed; a host access past EOF would SIGBUS the JVM.
        int accMode = host.fcntl(hostFd, Host.F_GETFL, 0) & 3;
        int maxProt = PROT_READ | PROT_EXEC | (accMode == 2 ? PROT_WRITE : 0);
        if ((prot & PROT_WRITE) != 0 && accMode != 2) {
            return -Errno.EACCES;
        }
        long backed = Math.max(0, Math.min(size, pageUp(fileSize - offset)));
        if (backed > 0) {
            int hostProt = PROT_READ | ((maxProt & PROT_WRITE) != 0 ? PROT_WRITE : 0);
            long got = host.mmap(start, backed, hostProt, MAP_SHARED | MAP_FIXED, hostFd, offset);
            if (got != start) {
                return (int) Math.min(got, -Errno.ENOMEM);
            }
        }
        if (backed < size) {
            reservations.zero(start + backed, start + size);
        }
        return maxProt;
    }

    private long fileSize(int hostFd) {
        long buf = mem.allocate(256);
        try {
            int r = host.fstat(hostFd, buf);
            return r < 0 ? r : mem.getLong(buf + ST_SIZE);
        } finally {
            mem.free(buf);
        }
    }

    private int copyFile(int hostFd, long dst, long count, long offset) {
        long done = 0;
        while (done < count) {
            long n = host.pread(hostFd, dst + done, count - done, offset + done);
            if (n < 0) {
                return (int) n;
            }
            if (n == 0) {
                break;
            }
            done += n;
        }
        return 7;
    }

    /** Installs {@code vma}, replacing whatever the guest had there, and updates the engine. */
    private void replace(Vma vma) {
        if (hostProtections) {
            flushExecutable(vma.start(), vma.end()); // one protection change: no window without access
        } else {
            hide(vma.start(), vma.end());
        }
        boolean droppedFile = hasOrigin(vma.start(), vma.end());
        VmaList next = vmas.remove(vma.start(), vma.end()).add(vma);
        vmas = next;
        show(vma);
        if (droppedFile) {
            origins.retainOnly(next.all());
        }
    }

    private boolean hasOrigin(long start, long end) {
        for (Vma v : vmas.within(start, end)) {
            if (v.origin() != null) {
                return true;
            }
        }
        return false;
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
                    vma.fileShared() ? Machine.MAP_SHARED_FILE : 0);
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
        if (gone.stream().anyMatch(v -> v.origin() != null)) {
            origins.retainOnly(vmas.all());
        }
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
                    reservations.zero(tail, oldAddr + newSize);
                    Vma grown = new Vma(tail, oldAddr + newSize, old.prot(), old.maxProt(), old.shared(),
                            old.fileShared(), old.offset() + oldSize, old.name(), null);
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
            reservations.zero(target, target + newSize);
            if (hostProtections && (old.prot() & PROT_READ) == 0) {
                machine.map(oldAddr, oldSize, PROT_READ, 0); // the host copies what the guest cannot read
            }
            mem.copy(target, oldAddr, Math.min(oldSize, newSize));
            if (hostProtections && (old.prot() & PROT_READ) == 0) {
                show(old);
            }
            replace(new Vma(target, target + newSize, old.prot(), old.maxProt(), old.shared(), false,
                    old.offset(), old.name(), old.origin()));
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
                        int r = v.fileShared() ? host.madvise(v.start(), v.length(), MADV_DONTNEED)
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
                replace(new Vma(oldTop, newTop, PROT_READ | PROT_WRITE, 7, false, false, 0, "[heap]", null));
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
        } finally {
            machine.unlock();
        }
    }
}
