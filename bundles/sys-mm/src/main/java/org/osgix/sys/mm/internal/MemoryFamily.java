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
            .fullNonBlocking("mmap", new Mmap()::mmap)
            .fullNonBlocking("munmap", new Unmap()::munmap)
            .fullNonBlocking("mprotect", new Protect()::mprotect)
            .fullNonBlocking("mremap", new Remap()::mremap)
            .fullNonBlocking("brk", call -> call.memory().brk(call.arg0()))
            .partialNonBlocking("madvise", "hints have no effect; guard pages, hwpoison and THP collapse are EINVAL",
                new Advice()::madvise)
            .partial("msync", "MS_SYNC does not force the host's writeback to storage", new Sync()::msync)
            .partialNonBlocking("mlock", NOT_LOCKED, locking::lockRange)
            .partialNonBlocking("mlock2", NOT_LOCKED, locking::mlock2)
            .partialNonBlocking("munlock", NOT_LOCKED, locking::lockRange)
            .partialNonBlocking("mlockall", NOT_LOCKED, locking::mlockall)
            .partialNonBlocking("munlockall", NOT_LOCKED, locking::munlockall)
            .partialNonBlocking("mincore", "every mapped page is reported resident", new Residency()::mincore)
            .fullNonBlocking("membarrier", new Membarrier()::membarrier);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }
}
