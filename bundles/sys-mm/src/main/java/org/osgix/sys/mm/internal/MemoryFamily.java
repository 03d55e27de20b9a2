package org.osgix.sys.mm.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgix.syscall.support.SyscallRegistrations;

/** The memory family: a thin, validating layer over the process's AddressSpace. */
@Component
public final class MemoryFamily {
    static final String FAMILY = "sys-mm";
    private static final String NOT_LOCKED = "validated; nothing is locked and RLIMIT_MEMLOCK is not enforced";

    private final SyscallRegistrations registrations;

    @Activate
    public MemoryFamily(BundleContext context) {
        Locking locking = new Locking();
        registrations = new SyscallRegistrations(context, FAMILY)
            .full("mmap", new Mmap()::mmap)
            .full("munmap", new Unmap()::munmap)
            .full("mprotect", new Protect()::mprotect)
            .full("mremap", new Remap()::mremap)
            .full("brk", call -> call.memory().brk(call.arg0()))
            .partial("madvise", "hints have no effect; guard pages, hwpoison and THP collapse are EINVAL",
                new Advice()::madvise)
            .partial("msync", "MS_SYNC does not force the host's writeback to storage", new Sync()::msync)
            .partial("mlock", NOT_LOCKED, locking::lockRange)
            .partial("mlock2", NOT_LOCKED, locking::mlock2)
            .partial("munlock", NOT_LOCKED, locking::lockRange)
            .partial("mlockall", NOT_LOCKED, locking::mlockall)
            .partial("munlockall", NOT_LOCKED, locking::munlockall)
            .partial("mincore", "every mapped page is reported resident", new Residency()::mincore)
            .full("membarrier", new Membarrier()::membarrier);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }
}
