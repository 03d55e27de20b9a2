package org.osgix.launcher.internal;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgix.syscall.SyscallSupport;

/**
 * After the guest: how many calls reached the dispatcher's safety net (a handler threw), as one
 * line in the emulator log. Tests run with {@code --log=FILE} and look for {@link #MARKER}.
 */
final class HandlerFailures {
    /** The start of the log message; the differential driver fails a test whose log has it. */
    static final String MARKER = "syscall handler failures:";
    private static final Logger LOG = Logger.getLogger(HandlerFailures.class.getName());

    private HandlerFailures() {
    }

    static void report(BundleContext context) {
        ServiceReference<SyscallSupport> ref = context.getServiceReference(SyscallSupport.class);
        SyscallSupport support = ref == null ? null : context.getService(ref);
        if (support == null) {
            return;
        }
        try {
            long failures = support.handlerFailures();
            if (failures > 0) {
                LOG.log(Level.SEVERE, MARKER + " " + failures + " (each one gave the guest EIO; see the entries above)");
            }
        } finally {
            context.ungetService(ref);
        }
    }
}
