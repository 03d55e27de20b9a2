package org.osgix.syscall;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The live support table: every syscall of the architecture, the bundle that serves it now (the
 * highest-ranked handler) and the support level its handler declares.
 */
@ProviderType
public interface SyscallSupport {
    /** One row per syscall number, in number order. */
    List<Row> table();

    /** The CPU engine a launch runs on when it names none (e.g. "native"), or null if none can run. */
    default String engine() {
        return null;
    }

    /**
     * How many calls, since the kernel started, ended in the dispatcher's safety net: a handler
     * threw instead of returning a result (the guest got EIO). Zero unless a handler has a bug.
     */
    long handlerFailures();

    /** One syscall's support. */
    interface Row {
        int number();

        String name();

        /** The serving bundle's symbolic name, or null when the syscall returns ENOSYS. */
        String bundle();

        /** The family the handler registered under, or null. */
        String family();

        /** "full", "partial", or "enosys". */
        String support();

        /** What a partial handler lacks; may be null. */
        String note();
    }
}
