package org.osgix.syscall;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sees syscalls around their handlers (strace, auditing, recording). Interceptors are ordered by
 * {@code service.ranking}: the highest sees {@code before} first and {@code after} last. A process
 * asks each interceptor once, when it starts, whether to attach; a process with no interceptor
 * attached pays nothing for the mechanism.
 */
@ConsumerType
public interface SyscallInterceptor {
    /** Whether to see this process's syscalls (e.g. only when launched with --strace). */
    boolean attach(GuestProcess process);

    /** Before the handler; the arguments are readable through {@code call}. */
    void before(SyscallContext call);

    /** After the handler (or the ENOSYS of a missing one), with the Linux result. */
    void after(SyscallContext call, long result);
}
