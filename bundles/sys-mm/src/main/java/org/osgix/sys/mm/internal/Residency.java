package org.osgix.sys.mm.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/** mincore: every page of a mapped range is reported resident (host paging is invisible here). */
final class Residency {
    private static final byte RESIDENT = 1;

    /** mincore(addr, length, vec). */
    long mincore(SyscallContext call) {
        long start = call.arg0();
        long length = call.arg1();
        if (!PageRanges.aligned(start)) {
            return -Errno.EINVAL;
        }
        if (PageRanges.above(length, PageRanges.TASK_SIZE) || PageRanges.above(start, PageRanges.TASK_SIZE - length)) {
            return -Errno.ENOMEM;
        }
        long pages = PageRanges.pageAlign(length) / PageRanges.PAGE_SIZE;
        if (pages == 0) {
            return 0;
        }
        if (!PageRanges.covered(call.memory(), start, start + pages * PageRanges.PAGE_SIZE)) {
            return -Errno.ENOMEM;
        }
        call.memory().fill(call.arg2(), pages, RESIDENT);
        return 0;
    }
}
