package org.osgix.sys.mm.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/** munmap: the range must start on a page, be non-empty and lie in user space. */
final class Unmap {
    /** munmap(addr, length). */
    long munmap(SyscallContext call) {
        long addr = call.arg0();
        long length = call.arg1();
        if (!PageRanges.aligned(addr) || PageRanges.above(addr, PageRanges.TASK_SIZE)
                || PageRanges.above(length, PageRanges.TASK_SIZE - addr)) {
            return -Errno.EINVAL;
        }
        long pages = PageRanges.pageAlign(length);
        if (pages == 0) {
            return -Errno.EINVAL;
        }
        return call.memory().munmap(addr, pages);
    }
}
