package org.osgix.launcher.internal;

import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The tools a composition installs but does not start (the boot leaves them for the command line,
 * see {@code org.osgix.launcher.FrameworkBoot.ON_DEMAND}): strace for {@code --strace}, the Gogo
 * runtime and commands for {@code --shell}. Started here, before the guest, when asked.
 */
final class OnDemandBundles {
    static final String STRACE = "org.osgix.strace";
    /** The Gogo bundles, in start order: the runtime before the commands. */
    static final List<String> GOGO = List.of("org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command");
    static final List<String> ALL = List.of(STRACE, GOGO.get(0), GOGO.get(1));

    private OnDemandBundles() {
    }

    /**
     * Starts the bundle (transiently: it is not started again with the composition) and returns
     * whether it is active; false when the composition has no such bundle. Starting is
     * synchronous: its components are active, their services registered and bound on return.
     */
    static boolean start(BundleContext context, String symbolicName) throws BundleException {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                if (b.getState() != Bundle.ACTIVE) {
                    b.start(Bundle.START_TRANSIENT);
                }
                return b.getState() == Bundle.ACTIVE;
            }
        }
        return false;
    }
}
