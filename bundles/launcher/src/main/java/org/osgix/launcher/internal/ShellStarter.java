package org.osgix.launcher.internal;

import java.io.File;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgix.launcher.internal.shell.GogoShell;

/**
 * Starts the Gogo shell for {@code --shell}. The Gogo packages are an optional import of this
 * bundle, so a composition without them runs guests normally and only {@code --shell} fails.
 */
final class ShellStarter {
    static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    static final String TERMINAL = "/dev/tty";

    private ShellStarter() {
    }

    static AutoCloseable start(BundleContext context, String input) throws LaunchException {
        startDormantGogo(context);
        if (context.getServiceReference(PROCESSOR) == null) {
            throw new LaunchException("--shell: this composition has no Gogo shell"
                    + " (bundles org.apache.felix.gogo.runtime and org.apache.felix.gogo.command)");
        }
        String source = input != null ? input : TERMINAL;
        if (input == null && !new File(TERMINAL).canRead()) {
            throw new LaunchException("--shell: no terminal to read commands from; give --shell-input=FILE");
        }
        try {
            return GogoShell.start(context, source, input == null);
        } catch (NoClassDefFoundError notWired) {
            throw new LaunchException("--shell: the Gogo runtime is not wired to the launcher bundle");
        }
    }

    /** Compositions install the Gogo bundles without starting them: start them now. */
    private static void startDormantGogo(BundleContext context) throws LaunchException {
        for (String name : OnDemandBundles.GOGO) {
            try {
                OnDemandBundles.start(context, name);
            } catch (BundleException e) {
                throw new LaunchException("--shell: cannot start " + name + ": " + e.getMessage());
            }
        }
    }
}
