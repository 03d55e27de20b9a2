package org.osgix.sys.mm.internal;

import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * madvise. Advice that changes memory contents or that the address space tracks goes to it;
 * pure hints (KSM, huge pages, core dumps, reclaim) are accepted on mapped ranges and do
 * nothing, as on a kernel where those features are idle. Features this emulator cannot give
 * (guard pages, hwpoison, THP collapse) are refused as on kernels built without them.
 */
final class Advice {
    static final int MADV_MERGEABLE = 12, MADV_UNMERGEABLE = 13, MADV_HUGEPAGE = 14, MADV_NOHUGEPAGE = 15,
        MADV_DONTDUMP = 16, MADV_DODUMP = 17, MADV_WIPEONFORK = 18, MADV_KEEPONFORK = 19, MADV_COLD = 20,
        MADV_PAGEOUT = 21, MADV_POPULATE_READ = 22, MADV_POPULATE_WRITE = 23, MADV_DONTNEED_LOCKED = 24;

    /** How an advice value is served. */
    enum Kind { FORWARD, AS_DONTNEED, AS_WILLNEED, HINT, INVALID }

    /** madvise(addr, length, advice). */
    long madvise(SyscallContext call) {
        long start = call.arg0();
        long length = call.arg1();
        int advice = call.intArg(2);
        Kind kind = kind(advice);
        if (kind == Kind.INVALID || !PageRanges.aligned(start)) {
            return -Errno.EINVAL;
        }
        long pages = PageRanges.pageAlign(length);
        if (length != 0 && pages == 0) {
            return -Errno.EINVAL;
        }
        long end = start + pages;
        if (PageRanges.above(start, end)) {
            return -Errno.EINVAL;
        }
        if (end == start) {
            return 0;
        }
        AddressSpace space = call.memory();
        return switch (kind) {
            case FORWARD -> space.madvise(start, pages, advice);
            case AS_DONTNEED -> space.madvise(start, pages, AddressSpace.MADV_DONTNEED);
            case AS_WILLNEED -> space.madvise(start, pages, AddressSpace.MADV_WILLNEED);
            default -> PageRanges.covered(space, start, end) ? 0 : -Errno.ENOMEM;
        };
    }

    static Kind kind(int advice) {
        return switch (advice) {
            case AddressSpace.MADV_NORMAL, AddressSpace.MADV_RANDOM, AddressSpace.MADV_SEQUENTIAL,
                AddressSpace.MADV_WILLNEED, AddressSpace.MADV_DONTNEED, AddressSpace.MADV_FREE,
                AddressSpace.MADV_REMOVE, AddressSpace.MADV_DONTFORK, AddressSpace.MADV_DOFORK -> Kind.FORWARD;
            case MADV_DONTNEED_LOCKED -> Kind.AS_DONTNEED; // nothing is ever locked here
            case MADV_POPULATE_READ, MADV_POPULATE_WRITE -> Kind.AS_WILLNEED;
            case MADV_MERGEABLE, MADV_UNMERGEABLE, MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTDUMP, MADV_DODUMP,
                MADV_WIPEONFORK, MADV_KEEPONFORK, MADV_COLD, MADV_PAGEOUT -> Kind.HINT;
            default -> Kind.INVALID;
        };
    }
}
