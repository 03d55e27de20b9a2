package org.osgix.launcher.internal.shell;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgix.launcher.internal.SupportTable;
import org.osgix.syscall.SyscallSupport;

/** Shell commands of scope {@code osgix}: {@code syscalls} shows the live support table. */
public final class OsgixCommands {
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
}
