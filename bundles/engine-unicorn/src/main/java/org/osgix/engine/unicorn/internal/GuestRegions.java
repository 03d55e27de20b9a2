package org.osgix.engine.unicorn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgix.syscall.Errno;

/**
 * The engine's view of guest memory as a sorted list of Unicorn regions, each mapped with
 * {@code uc_mem_map_ptr} over the host memory at the same address (guest address = host
 * address).
 *
 * <p>Unicorn only ever sees whole regions here: when it unmaps or re-protects part of a region
 * itself it copies the region into memory of its own, which would silently break the identity
 * mapping (host writes would no longer be seen by the guest). So a partial change unmaps the
 * whole region and maps the remaining pieces again at the same host addresses.
 *
 * <p>Translated code is keyed by Unicorn's internal RAM offsets, which are reused after an unmap,
 * and {@code uc_mem_unmap} does not drop it (verified on 2.0.1): every region's translations are
 * dropped before the region is unmapped, so code mapped later at the same place is translated
 * afresh. Used by the machine's driving thread only.
 */
final class GuestRegions {
    static final long PAGE_SIZE = 4096;
    private static final int PROT_READ = 1, PROT_MASK = 7;

    private final long uc;
    private final TreeMap<Long, Region> byStart = new TreeMap<>();

    record Region(long start, long end, int prot) {
        long size() {
            return end - start;
        }
    }

    GuestRegions(long uc) {
        this.uc = uc;
    }

    /**
     * Makes {@code [addr, addr+len)} visible with {@code prot}, replacing whatever the engine saw
     * there. PROT_NONE hides the range. As on x86 hardware, any access right implies read
     * (x86 page tables cannot express write-only or execute-only pages).
     */
    int map(long addr, long len, int prot) {
        if (!validRange(addr, len) || (prot & ~PROT_MASK) != 0) {
            return -Errno.EINVAL;
        }
        int removed = unmap(addr, len);
        if (removed != 0 || prot == 0) {
            return removed;
        }
        return mapPiece(addr, addr + len, prot | PROT_READ);
    }

    /** Hides {@code [addr, addr+len)}; parts that were not visible are ignored. */
    int unmap(long addr, long len) {
        if (!validRange(addr, len)) {
            return -Errno.EINVAL;
        }
        long end = addr + len;
        for (Region r : overlapping(addr, end)) {
            dropCode(r.start(), r.end());
            int err = UnicornLibrary.uc_mem_unmap(uc, r.start(), r.size());
            if (err != UnicornLibrary.UC_ERR_OK) {
                return toErrno(err);
            }
            byStart.remove(r.start());
            if (r.start() < addr) {
                int kept = mapPiece(r.start(), addr, r.prot());
                if (kept != 0) {
                    return kept;
                }
            }
            if (r.end() > end) {
                int kept = mapPiece(end, r.end(), r.prot());
                if (kept != 0) {
                    return kept;
                }
            }
        }
        return 0;
    }

    /** Drops translated code for the visible parts of {@code [addr, addr+len)}. */
    void flushCode(long addr, long len) {
        if (len <= 0) {
            return;
        }
        long end = addr + len < addr ? Long.MAX_VALUE : addr + len;
        for (Region r : overlapping(addr, end)) {
            // One call per region: Unicorn translates only the start address to its RAM offset.
            dropCode(Math.max(addr, r.start()), Math.min(end, r.end()));
        }
    }

    /** The visible region containing {@code addr}, or null. */
    Region regionAt(long addr) {
        Map.Entry<Long, Region> e = byStart.floorEntry(addr);
        return e != null && addr < e.getValue().end() ? e.getValue() : null;
    }

    /** Every visible region, sorted by address. */
    List<Region> regions() {
        return List.copyOf(byStart.values());
    }

    private int mapPiece(long start, long end, int prot) {
        int err = UnicornLibrary.uc_mem_map_ptr(uc, start, end - start, prot, start);
        if (err != UnicornLibrary.UC_ERR_OK) {
            return toErrno(err);
        }
        byStart.put(start, new Region(start, end, prot));
        return 0;
    }

    private void dropCode(long start, long end) {
        UnicornLibrary.uc_ctl(uc, UnicornLibrary.UC_CTL_TB_REMOVE_CACHE, start, end);
    }

    private List<Region> overlapping(long start, long end) {
        List<Region> found = new ArrayList<>();
        Map.Entry<Long, Region> first = byStart.floorEntry(start);
        if (first != null && first.getValue().end() > start) {
            found.add(first.getValue());
        }
        found.addAll(byStart.subMap(start, false, end, false).values());
        return found;
    }

    private static boolean validRange(long addr, long len) {
        return len > 0 && (addr & (PAGE_SIZE - 1)) == 0 && (len & (PAGE_SIZE - 1)) == 0
            && Long.compareUnsigned(addr + len, addr) > 0;
    }

    private static int toErrno(int ucErr) {
        return ucErr == UnicornLibrary.UC_ERR_NOMEM ? -Errno.ENOMEM : -Errno.EINVAL;
    }
}
