package org.osgix.sys.mm.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * msync: validated like Linux. Shared file mappings are host shared mappings, coherent with the
 * host page cache, so other readers already see the data; only the flush to storage that
 * MS_SYNC asks for is not forced.
 */
final class Sync {
    static final int MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4;

    /** msync(addr, length, flags). */
    long msync(SyscallContext call) {
        long start = call.arg0();
        int flags = call.intArg(2);
        if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0 || !PageRanges.aligned(start)
                || (flags & MS_ASYNC) != 0 && (flags & MS_SYNC) != 0) {
            return -Errno.EINVAL;
        }
        long end = start + PageRanges.pageAlign(call.arg1());
        if (PageRanges.above(start, end)) {
            return -Errno.ENOMEM;
        }
        if (end == start) {
            return 0;
        }
        return PageRanges.covered(call.memory(), start, end) ? 0 : -Errno.ENOMEM;
    }
}
