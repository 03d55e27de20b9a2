package org.osgix.launcher.internal.shell;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgix.launcher.internal.SupportTable;
import org.osgix.syscall.SyscallSupport;

/**
 * Shell commands of scope {@code osgix}: {@code syscalls} shows the live support table;
 * {@code start} and {@code stop} take a bundle by id or symbolic name (Gogo's {@code start}
 * takes ids or URLs only).
 */
public final class OsgixCommands {
    static final String[] FUNCTIONS = {"syscalls", "start", "stop"};
    private final BundleContext context;

    OsgixCommands(BundleContext context) {
        this.context = context;
    }

    /** The support table now: stop or start a family bundle and run it again to see the change. */
    public String syscalls() {
        ServiceReference<SyscallSupport> ref = context.getServiceReference(SyscallSupport.class);
        SyscallSupport support = ref == null ? null : context.getService(ref);
        if (support == null) {
            return "no kernel: the support table is not available";
        }
        try {
            return SupportTable.format(support.table()).stripTrailing();
        } finally {
            context.ungetService(ref);
        }
    }

    public String start(String bundle) throws BundleException {
        Bundle b = find(bundle);
        b.start(Bundle.START_TRANSIENT);
        return b.getSymbolicName() + " started";
    }

    public String stop(String bundle) throws BundleException {
        Bundle b = find(bundle);
        b.stop(Bundle.STOP_TRANSIENT);
        return b.getSymbolicName() + " stopped";
    }

    private Bundle find(String bundle) {
        Object b = new BundleConverter(context).convert(Bundle.class, bundle);
        if (b == null) {
            throw new IllegalArgumentException("no bundle " + bundle);
        }
        return (Bundle) b;
    }
}
