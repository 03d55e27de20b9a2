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

    /**
     * A new list with {@code vma} added; [vma.start, vma.end) must be free. Like Linux, it merges
     * with neighbours that continue it exactly (mremap then sees one mapping, as the guest does).
     */
    VmaList add(Vma vma) {
        int i = search(vma.start());
        if (i >= 0) {
            throw new IllegalStateException("overlapping mapping at 0x" + Long.toHexString(vma.start()));
        }
        int at = -i - 1;
        if (at < vmas.length && vmas[at].start() < vma.end()) {
            throw new IllegalStateException("overlapping mapping at 0x" + Long.toHexString(vmas[at].start()));
        }
        boolean mergeBefore = at > 0 && continues(vmas[at - 1], vma);
        boolean mergeAfter = at < vmas.length && continues(vma, vmas[at]);
        Vma merged = vma;
        int from = at;
        int to = at;
        if (mergeBefore) {
            Vma b = vmas[at - 1];
            merged = new Vma(b.start(), merged.end(), b.prot(), b.maxProt(), b.shared(), b.fileShared(), b.offset(), b.name(),
                    b.origin(), b.backing());
            from = at - 1;
        }
        if (mergeAfter) {
            Vma a = vmas[at];
            merged = new Vma(merged.start(), a.end(), merged.prot(), merged.maxProt(), merged.shared(),
                    merged.fileShared(), merged.offset(), merged.name(), merged.origin(), merged.backing());
            to = at + 1;
        }
        Vma[] out = new Vma[vmas.length - (to - from) + 1];
        System.arraycopy(vmas, 0, out, 0, from);
        out[from] = merged;
        System.arraycopy(vmas, to, out, from + 1, vmas.length - to);
        return new VmaList(out);
    }

    /** True when {@code b} starts where {@code a} ends and is the same kind of mapping. */
    private static boolean continues(Vma a, Vma b) {
        return a.end() == b.start() && a.prot() == b.prot() && a.maxProt() == b.maxProt()
                && a.shared() == b.shared() && a.fileShared() == b.fileShared()
                && java.util.Objects.equals(a.name(), b.name()) && a.origin() == b.origin() && a.backing() == b.backing()
                && (a.backing() == null && (a.name() == null || "[heap]".equals(a.name()))
                        || a.offset() + a.length() == b.offset());
    }

    List<Vma> all() {
        return List.copyOf(Arrays.asList(vmas));
    }

    /** The lowest address >= from where a free gap of len bytes starts, below limit; -1 if none. */
    /**
     * The highest start of a free range of {@code len} bytes inside [floor, top): a range no
     * mapping intersects, or -1.
     */
    long freeGapBelow(long top, long len, long floor) {
        long end = top;
        for (int i = vmas.length - 1; i >= 0 && end - floor >= len; i--) {
            Vma v = vmas[i];
            if (v.start() >= end) {
                continue;
            }
            if (v.end() < end && end - v.end() >= len) {
                return end - len;
            }
            end = v.start();
        }
        return end - floor >= len ? end - len : -1;
    }

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
