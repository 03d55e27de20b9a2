package org.osgix.sys.mm.internal;

import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/** mremap: Linux's parameter checks (check_mremap_params), then the address space moves or resizes. */
final class Remap {
    private static final int KNOWN_FLAGS =
        AddressSpace.MREMAP_MAYMOVE | AddressSpace.MREMAP_FIXED | AddressSpace.MREMAP_DONTUNMAP;

    /** mremap(old_address, old_size, new_size, flags, new_address). */
    long mremap(SyscallContext call) {
        long oldAddr = call.arg0();
        long oldLength = PageRanges.pageAlign(call.arg1());
        long newLength = PageRanges.pageAlign(call.arg2());
        long flags = call.arg3();
        long newAddr = call.arg4();
        if ((flags & ~KNOWN_FLAGS) != 0 || !PageRanges.aligned(oldAddr)) {
            return -Errno.EINVAL;
        }
        if (newLength == 0 || PageRanges.above(newLength, PageRanges.TASK_SIZE)) {
            return -Errno.EINVAL;
        }
        boolean fixed = (flags & AddressSpace.MREMAP_FIXED) != 0;
        boolean dontUnmap = (flags & AddressSpace.MREMAP_DONTUNMAP) != 0;
        if (fixed || dontUnmap) {
            if (fixed && (PageRanges.above(newAddr, PageRanges.TASK_SIZE - newLength) || !PageRanges.aligned(newAddr))) {
                return -Errno.EINVAL;
            }
            if ((flags & AddressSpace.MREMAP_MAYMOVE) == 0 || dontUnmap && oldLength != newLength) {
                return -Errno.EINVAL;
            }
        }
        return call.memory().mremap(oldAddr, oldLength, newLength, (int) flags, newAddr);
    }
}
