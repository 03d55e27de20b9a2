package org.osgix.syscall;

import org.osgi.annotation.versioning.ProviderType;
import org.osgix.fd.FdTable;

/**
 * One syscall in flight: its arguments and the guest thread that made it. One instance per guest
 * thread is reused for every call, so handlers must not keep it.
 */
@ProviderType
public interface SyscallContext {
    /** The Linux syscall name being served. */
    String name();

    long arg0();

    long arg1();

    long arg2();

    long arg3();

    long arg4();

    long arg5();

    GuestThread thread();

    GuestProcess process();

    /** Shortcut for {@code process().memory()}. */
    AddressSpace memory();

    /** Shortcut for {@code process().fds()}. */
    FdTable fds();
}
