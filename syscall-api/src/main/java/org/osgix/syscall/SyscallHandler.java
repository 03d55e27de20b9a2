package org.osgix.syscall;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One Linux system call, served as a whiteboard service. The service property {@link #NAME}
 * lists the Linux syscall names it serves; for each name the service with the highest
 * {@code service.ranking} wins, so a third-party bundle can override a single syscall.
 *
 * <p>Handlers are called concurrently from many guest threads and must be thread-safe. They must
 * not keep the context after returning.
 */
@ConsumerType
public interface SyscallHandler {
    /** Service property: the Linux syscall name(s) served (String or String[]). */
    String NAME = "osgix.syscall.name";
    /** Service property: "full" or "partial" (shown in the support table). */
    String SUPPORT = "osgix.syscall.support";
    /** Service property: a short note for the support table (what is missing, for partial). */
    String NOTE = "osgix.syscall.note";
    /** Service property: the family that serves it (e.g. "sys-mm"). */
    String FAMILY = "osgix.syscall.family";
    /**
     * Service property: {@code Boolean.TRUE} when the handler never waits for anything another
     * guest thread or the outside world must do first (readiness, time, locks held by the guest).
     * The kernel may then serve it without giving up the guest CPU, which is faster for
     * multi-threaded guests; a handler that could wait must leave it out (the default).
     */
    String NON_BLOCKING = "osgix.syscall.nonblocking";

    String SUPPORT_FULL = "full";
    String SUPPORT_PARTIAL = "partial";

    /**
     * Serves one call.
     *
     * @return the Linux result: a non-negative value, or {@code -errno}. A {@link GuestFault}
     *     thrown here becomes {@code -EFAULT}.
     */
    long handle(SyscallContext call);
}
