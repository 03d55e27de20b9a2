package org.osgix.sys.mm.internal;

import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * mprotect with Linux's checks. PROT_GROWSDOWN extends the change down to the start of the
 * stack mapping (the only grows-down mapping here); PROT_SEM is accepted and means nothing.
 */
final class Protect {
    static final long PROT_SEM = 0x8, PROT_GROWSDOWN = 0x01000000, PROT_GROWSUP = 0x02000000;
    private static final long PROT_RWX = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE | GuestMemory.PROT_EXEC;
    private static final String STACK = "[stack]";

    /** mprotect(addr, len, prot). */
    long mprotect(SyscallContext call) {
        long start = call.arg0();
        long length = call.arg1();
        long prot = call.arg2();
        long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
        prot &= ~grows;
        if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || !PageRanges.aligned(start)) {
            return -Errno.EINVAL;
        }
        if (length == 0) {
            return 0;
        }
        long end = start + PageRanges.pageAlign(length);
        if (!PageRanges.above(end, start)) {
            return -Errno.ENOMEM;
        }
        if ((prot & ~(PROT_RWX | PROT_SEM)) != 0 || grows == PROT_GROWSUP) {
            return -Errno.EINVAL; // x86_64 has no grows-up mappings
        }
        AddressSpace space = call.memory();
        if (grows == PROT_GROWSDOWN) {
            AddressSpace.Mapping mapping = PageRanges.mappingAt(space, start);
            if (mapping == null) {
                return -Errno.ENOMEM;
            }
            if (!STACK.equals(mapping.name())) {
                return -Errno.EINVAL;
            }
            start = mapping.start();
        }
        return space.mprotect(start, end - start, (int) (prot & PROT_RWX));
    }
}
