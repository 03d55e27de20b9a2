package org.osgix.loader.elf.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.support.CheckedMemory;

/**
 * Test double: guest memory is host memory at the same address. Keeps a sorted list of its own
 * mappings, never maps over host memory it does not own, and range-checks every accessor. Close
 * it to unmap everything.
 */
final class IdentityAddressSpace extends CheckedMemory implements AddressSpace, AutoCloseable {
    record Region(long start, long end, int prot, boolean shared, long offset, String name)
        implements Mapping {
        Region slice(long from, long to) {
            long fileOffset = name != null && offset >= 0 ? offset + (from - start) : offset;
            return new Region(from, to, prot, shared, fileOffset, name);
        }
    }

    private final Host host;
    private final NativeMemory memory;
    private final TreeMap<Long, Region> regions = new TreeMap<>();
    private long brkStart = -1;
    private long brk = -1;
    private final List<String> calls = new ArrayList<>();

    IdentityAddressSpace(Host host) {
        super(host.memory());
        this.host = host;
        this.memory = host.memory();
    }

    /** A log of the mapping calls ("mmap addr len prot flags fd name", "munmap...", ...). */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized long brkStart() {
        return brkStart;
    }

    @Override
    public synchronized long mmap(long addr, long len, int prot, int flags, int hostFd, long offset,
        String name) {
        calls.add(String.format("mmap %x %x %d %x %d %s", addr, len, prot, flags, hostFd, name));
        if (len <= 0 || (addr & (PAGE_SIZE - 1)) != 0 || (offset & (PAGE_SIZE - 1)) != 0) {
            return -Errno.EINVAL;
        }
        long length = GuestPages.up(len);
        int hostFlags = flags;
        if ((flags & MAP_FIXED) != 0) {
            if (!covered(addr, addr + length, PROT_NONE)) {
                if (overlaps(addr, addr + length)) {
                    return -Errno.EINVAL; // partly ours: the double does not support it
                }
                hostFlags = (flags & ~MAP_FIXED) | MAP_FIXED_NOREPLACE; // never clobber the JVM
            }
        } else if ((flags & MAP_FIXED_NOREPLACE) != 0 && overlaps(addr, addr + length)) {
            return -Errno.EEXIST;
        }
        long got = host.mmap(addr, length, prot, hostFlags, hostFd, offset);
        if (got < 0) {
            return got;
        }
        cut(got, got + length);
        boolean shared = (flags & MAP_TYPE) != MAP_PRIVATE;
        regions.put(got, new Region(got, got + length, prot, shared, hostFd < 0 ? 0 : offset, name));
        return got;
    }

    @Override
    public synchronized int munmap(long addr, long len) {
        calls.add(String.format("munmap %x %x", addr, len));
        long end = addr + GuestPages.up(len);
        List<Region> inside = new ArrayList<>(overlapping(addr, end));
        for (Region r : inside) {
            long from = Math.max(r.start(), addr), to = Math.min(r.end(), end);
            int rc = host.munmap(from, to - from);
            if (rc < 0) {
                return rc;
            }
        }
        cut(addr, end);
        return 0;
    }

    @Override
    public synchronized int mprotect(long addr, long len, int prot) {
        calls.add(String.format("mprotect %x %x %d", addr, len, prot));
        long end = addr + GuestPages.up(len);
        if (!covered(addr, end, PROT_NONE)) {
            return -Errno.ENOMEM;
        }
        int rc = host.mprotect(addr, end - addr, prot);
        if (rc < 0) {
            return rc;
        }
        List<Region> changed = new ArrayList<>();
        for (Region r : overlapping(addr, end)) {
            Region part = r.slice(Math.max(r.start(), addr), Math.min(r.end(), end));
            changed.add(new Region(part.start(), part.end(), prot, part.shared(), part.offset(),
                part.name()));
        }
        cut(addr, end);
        changed.forEach(r -> regions.put(r.start(), r));
        return 0;
    }

    @Override
    public long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) {
        return -Errno.ENOSYS;
    }

    @Override
    public int madvise(long addr, long len, int advice) {
        return -Errno.ENOSYS;
    }

    @Override
    public synchronized long brk(long newBreak) {
        return brk;
    }

    @Override
    public synchronized void initBrk(long start) {
        brkStart = start;
        brk = start;
    }

    @Override
    public synchronized List<Mapping> mappings() {
        return List.copyOf(regions.values());
    }

    /** The mapping holding {@code address}, or null. */
    synchronized Region regionAt(long address) {
        Map.Entry<Long, Region> e = regions.floorEntry(address);
        return e != null && address < e.getValue().end() ? e.getValue() : null;
    }

    @Override
    public synchronized void close() {
        for (Region r : regions.values()) {
            host.munmap(r.start(), r.end() - r.start());
        }
        regions.clear();
    }

    // --- bookkeeping ---
    private List<Region> overlapping(long start, long end) {
        List<Region> result = new ArrayList<>();
        Long from = regions.floorKey(start);
        for (Region r : regions.tailMap(from == null ? start : from).values()) {
            if (r.start() >= end) {
                break;
            }
            if (r.end() > start) {
                result.add(r);
            }
        }
        return result;
    }

    private boolean overlaps(long start, long end) {
        return !overlapping(start, end).isEmpty();
    }

    /** True when every byte of [start, end) is in a mapping that allows {@code access}. */
    private boolean covered(long start, long end, int access) {
        return firstInaccessible(start, end, access) < 0;
    }

    private long firstInaccessible(long start, long end, int access) {
        long cursor = start;
        for (Region r : overlapping(start, end)) {
            if (r.start() > cursor || (r.prot() & access) != access) {
                return cursor;
            }
            cursor = r.end();
        }
        return cursor >= end ? -1 : cursor;
    }

    /** Removes [start, end) from the bookkeeping, keeping the parts of regions outside it. */
    private void cut(long start, long end) {
        for (Region r : overlapping(start, end)) {
            regions.remove(r.start());
            if (r.start() < start) {
                regions.put(r.start(), r.slice(r.start(), start));
            }
            if (r.end() > end) {
                regions.put(end, r.slice(end, r.end()));
            }
        }
    }

    @Override
    protected synchronized void check(long addr, long len, int access) {
        if (len < 0 || addr < 0 || addr + len < addr) {
            throw new GuestFault(addr);
        }
        if (len == 0) {
            return;
        }
        long bad = firstInaccessible(addr, addr + len, access);
        if (bad >= 0) {
            throw new GuestFault(bad);
        }
    }

    // --- GuestMemory ---
    @Override
    public long hostAddress(long addr, long len, int access) {
        try {
            check(addr, len, access);
            return addr;
        } catch (GuestFault fault) {
            return -Errno.EFAULT;
        }
    }

    @Override
    public boolean isAccessible(long addr, long len, int access) {
        return hostAddress(addr, len, access) >= 0 || len == 0;
    }
}
