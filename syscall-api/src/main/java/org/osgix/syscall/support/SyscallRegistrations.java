package org.osgix.syscall.support;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgix.syscall.SyscallHandler;

/**
 * Registers a family's handlers as whiteboard services, one service per syscall name so each
 * name is ranked (and overridable) on its own. A family component creates one in its activate
 * method and closes it in deactivate:
 *
 * <pre>
 * regs = new SyscallRegistrations(context, "sys-info")
 *     .full("getpid", call -&gt; call.process().pid())
 *     .partial("sysinfo", "loads are zero", this::sysinfo);
 * </pre>
 */
public final class SyscallRegistrations implements AutoCloseable {
    private final String family;
    private final ServiceRegistrations<SyscallHandler> registrations;

    public SyscallRegistrations(BundleContext context, String family) {
        this(context, family, 0);
    }

    /** All handlers registered with {@code service.ranking = ranking} (overrides use &gt; 0). */
    public SyscallRegistrations(BundleContext context, String family, int ranking) {
        this.family = family;
        this.registrations = new ServiceRegistrations<>(context, SyscallHandler.class, ranking);
    }

    /** Registers a handler with full Linux semantics. */
    public SyscallRegistrations full(String name, SyscallHandler handler) {
        return register(name, SyscallHandler.SUPPORT_FULL, null, false, handler);
    }

    /** Registers a handler that implements part of the syscall; {@code note} says what is missing. */
    public SyscallRegistrations partial(String name, String note, SyscallHandler handler) {
        return register(name, SyscallHandler.SUPPORT_PARTIAL, note, false, handler);
    }

    /** As {@link #full}, for a handler that never waits ({@link SyscallHandler#NON_BLOCKING}). */
    public SyscallRegistrations fullNonBlocking(String name, SyscallHandler handler) {
        return register(name, SyscallHandler.SUPPORT_FULL, null, true, handler);
    }

    /** As {@link #partial}, for a handler that never waits ({@link SyscallHandler#NON_BLOCKING}). */
    public SyscallRegistrations partialNonBlocking(String name, String note, SyscallHandler handler) {
        return register(name, SyscallHandler.SUPPORT_PARTIAL, note, true, handler);
    }

    private SyscallRegistrations register(String name, String support, String note,
            boolean nonBlocking, SyscallHandler handler) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SyscallHandler.NAME, name);
        props.put(SyscallHandler.SUPPORT, support);
        props.put(SyscallHandler.FAMILY, family);
        if (note != null) {
            props.put(SyscallHandler.NOTE, note);
        }
        if (nonBlocking) {
            props.put(SyscallHandler.NON_BLOCKING, Boolean.TRUE);
        }
        registrations.register(handler, props);
        return this;
    }

    /** Unregisters every handler (safe to call twice, and after the bundle stopped). */
    @Override
    public void close() {
        registrations.close();
    }
}
