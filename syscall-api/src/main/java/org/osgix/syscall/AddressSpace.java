package org.osgix.syscall;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A guest process's address space: its mappings and their host backing. The memory family (mmap,
 * munmap, mprotect, brk, mremap, madvise) and the program loader drive it; the engine's view of
 * memory follows it. All flag values are Linux's (MAP_*, PROT_*, MADV_*, MREMAP_*).
 *
 * <p>Every method is thread-safe; operations that change mappings are serialised with guest
 * execution (no guest instruction runs while a mapping changes).
 */
@ProviderType
public interface AddressSpace extends GuestMemory {
    int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_SHARED_VALIDATE = 0x03, MAP_TYPE = 0x0f,
        MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_GROWSDOWN = 0x0100, MAP_DENYWRITE = 0x0800,
        MAP_EXECUTABLE = 0x1000, MAP_LOCKED = 0x2000, MAP_NORESERVE = 0x4000,
        MAP_POPULATE = 0x8000, MAP_NONBLOCK = 0x10000, MAP_STACK = 0x20000,
        MAP_HUGETLB = 0x40000, MAP_SYNC = 0x80000, MAP_FIXED_NOREPLACE = 0x100000;
    int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4;
    int MADV_NORMAL = 0, MADV_RANDOM = 1, MADV_SEQUENTIAL = 2, MADV_WILLNEED = 3,
        MADV_DONTNEED = 4, MADV_FREE = 8, MADV_REMOVE = 9, MADV_DONTFORK = 10, MADV_DOFORK = 11;

    /**
     * Linux mmap. {@code hostFd} is the host fd backing a file mapping (-1 for anonymous);
     * {@code name} is what /proc/self/maps shows (the path, or null).
     *
     * @return the guest address, or a negative errno
     */
    long mmap(long addr, long len, int prot, int flags, int hostFd, long offset, String name);

    /** Linux munmap: 0 or a negative errno. */
    int munmap(long addr, long len);

    /** Linux mprotect: 0 or a negative errno (ENOMEM for unmapped pages). */
    int mprotect(long addr, long len, int prot);

    /** Linux mremap: the new address or a negative errno. */
    long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr);

    /** Linux madvise: MADV_DONTNEED zeroes private anonymous pages; unknown advice → EINVAL. */
    int madvise(long addr, long len, int advice);

    /**
     * Linux brk: moves the program break when {@code newBreak} is valid and returns the (possibly
     * unchanged) current break; {@code brk(0)} returns it.
     */
    long brk(long newBreak);

    /** Sets the start of the heap (the loader calls this once, after the program's last segment). */
    void initBrk(long start);

    /**
     * True when {@code addr} lies in a shared mapping: its pages may be other processes' too (a
     * fork's child or parent, another mapping of the file), so a futex there is the host's.
     */
    default boolean isShared(long addr) {
        return false;
    }

    /** The current mappings, sorted by address (for /proc/self/maps). */
    List<Mapping> mappings();

    /** One mapping as /proc/self/maps shows it. */
    interface Mapping {
        long start();

        long end();

        int prot();

        boolean shared();

        long offset();

        /** The path, "[heap]", "[stack]", or null for anonymous memory. */
        String name();
    }
}
