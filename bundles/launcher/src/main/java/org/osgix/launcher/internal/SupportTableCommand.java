package org.osgix.launcher.internal;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.osgix.syscall.SyscallSupport;

/** {@code osgix syscalls}: prints the live support table of the running composition. */
final class SupportTableCommand {
    private static final long KERNEL_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(20);

    private SupportTableCommand() {
    }

    static int print(BundleContext context, PrintStream out) throws LaunchException {
        ServiceTracker<SyscallSupport, SyscallSupport> tracker = new ServiceTracker<>(context, SyscallSupport.class, null);
        tracker.open();
        try {
            SyscallSupport support = tracker.waitForService(KERNEL_WAIT_MILLIS);
            if (support == null) {
                throw new LaunchException("no support table: the kernel did not start: "
                        + Diagnostics.whatIsMissing(context));
            }
            String engine = support.engine();
            out.println("engine: " + (engine != null ? engine : "none can run here"));
            out.print(SupportTable.format(support.table()));
            out.flush();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for the kernel");
        } finally {
            tracker.close();
        }
    }
}
