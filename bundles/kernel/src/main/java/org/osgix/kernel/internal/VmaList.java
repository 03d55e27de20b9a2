package org.osgix.kernel.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable, sorted, non-overlapping array of mappings. Readers (every guest pointer check)
 * search a published instance without locking; writers build a new one.
 */
final class VmaList {
    static final VmaList EMPTY = new VmaList(new Vma[0]);

    private final Vma[] vmas;

    private VmaList(Vma[] vmas) {
        this.vmas = vmas;
    }

    /** Index of the mapping containing addr, or -(insertion point) - 1. */
    private int search(long addr) {
        int lo = 0;
        int hi = vmas.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Vma v = vmas[mid];
            if (addr < v.start()) {
                hi = mid - 1;
            } else if (addr >= v.end()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    Vma find(long addr) {
        int i = search(addr);
        return i >= 0 ? vmas[i] : null;
    }

    /**
     * True when every byte of [addr, addr+len) lies in mappings whose prot includes access.
     * Mappings are contiguous when one ends where the next starts.
     */
    boolean covers(long addr, long len, int access) {
        long end = addr + len;
        if (len < 0 || end < addr) {
            return false;
        }
        int i = search(addr);
        if (i < 0) {
            return false;
        }
        long cursor = addr;
        while (true) {
            Vma v = vmas[i];
            if (v.start() > cursor || (v.prot() & access) != access) {
                return false;
            }
            if (v.end() >= end) {
                return true;
            }
            cursor = v.end();
            if (++i == vmas.length) {
                return false;
            }
        }
    }

    /** True when any mapping intersects [start, end). */
    boolean intersects(long start, long end) {
        int i = search(start);
        if (i >= 0) {
            return true;
        }
        int next = -i - 1;
        return next < vmas.length && vmas[next].start() < end;
    }

    /** Mappings intersecting [start, end), clipped to it, in order. */
    List<Vma> within(long start, long end) {
        List<Vma> out = new ArrayList<>();
        int i = search(start);
        if (i < 0) {
            i = -i - 1;
        }
        for (; i < vmas.length && vmas[i].start() < end; i++) {
            out.add(vmas[i].slice(start, end));
        }
        return out;
    }

    /** A new list without [start, end) (mappings cut at the edges). */
    VmaList remove(long start, long end) {
        List<Vma> out = new ArrayList<>(vmas.length + 1);
        for (Vma v : vmas) {
            if (v.end() <= start || v.start() >= end) {
                out.add(v);
                continue;
            }
            if (v.start() < start) {
                out.add(v.slice(v.start(), start));
            }
            if (v.end() > end) {
                out.add(v.slice(end, v.end()));
            }
        }
        return new VmaList(out.toArray(new Vma[0]));
    }

    /** A new list with {@code vma} added; [vma.start, vma.end) must be free. */
    VmaList add(Vma vma) {
        int i = search(vma.start());
        if (i >= 0) {
            throw new IllegalStateException("overlapping mapping at 0x" + Long.toHexString(vma.start()));
        }
        int at = -i - 1;
        Vma[] out = new Vma[vmas.length + 1];
        System.arraycopy(vmas, 0, out, 0, at);
        out[at] = vma;
        System.arraycopy(vmas, at, out, at + 1, vmas.length - at);
        return new VmaList(out);
    }

    List<Vma> all() {
        return List.copyOf(Arrays.asList(vmas));
    }

    /** The lowest address >= from where a free gap of len bytes starts, below limit; -1 if none. */
    long freeGap(long from, long len, long limit) {
        long cursor = from;
        int i = search(from);
        if (i >= 0) {
            cursor = vmas[i].end();
            i++;
        } else {
            i = -i - 1;
        }
        for (; i < vmas.length; i++) {
            if (vmas[i].start() - cursor >= len) {
                break;
            }
            cursor = Math.max(cursor, vmas[i].end());
        }
        return cursor + len <= limit ? cursor : -1;
    }
}
