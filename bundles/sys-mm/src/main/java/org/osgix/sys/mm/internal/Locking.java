package org.osgix.sys.mm.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * mlock, mlock2, munlock, mlockall, munlockall: validated like Linux (ENOMEM for unmapped
 * ranges) but nothing is pinned in host memory.
 */
final class Locking {
    static final int MLOCK_ONFAULT = 1;
    static final int MCL_CURRENT = 1, MCL_FUTURE = 2, MCL_ONFAULT = 4;

    /** mlock(addr, len) and munlock(addr, len). */
    long lockRange(SyscallContext call) {
        long offset = call.arg0() & (PageRanges.PAGE_SIZE - 1);
        long start = call.arg0() - offset;
        long end = start + PageRanges.pageAlign(call.arg1() + offset);
        if (PageRanges.above(start, end)) {
            return -Errno.EINVAL;
        }
        if (end == start) {
            return 0;
        }
        return PageRanges.covered(call.memory(), start, end) ? 0 : -Errno.ENOMEM;
    }

    /** mlock2(addr, len, flags). */
    long mlock2(SyscallContext call) {
        if ((call.intArg(2) & ~MLOCK_ONFAULT) != 0) {
            return -Errno.EINVAL;
        }
        return lockRange(call);
    }

    /** mlockall(flags): MCL_ONFAULT needs one of the others. */
    long mlockall(SyscallContext call) {
        int flags = call.intArg(0);
        if (flags == 0 || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) != 0 || flags == MCL_ONFAULT) {
            return -Errno.EINVAL;
        }
        return 0;
    }

    long munlockall(SyscallContext call) {
        return 0;
    }
}
