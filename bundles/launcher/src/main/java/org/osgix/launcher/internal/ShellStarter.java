package org.osgix.launcher.internal;

import java.io.File;
import org.osgi.framework.Bundle;
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
    /** The Gogo bundles, in start order: the runtime before the commands. */
    private static final String[] GOGO = {"org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command"};

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

    /** The default distribution installs the Gogo bundles without starting them: start them now. */
    private static void startDormantGogo(BundleContext context) throws LaunchException {
        for (String name : GOGO) {
            for (Bundle b : context.getBundles()) {
                if (name.equals(b.getSymbolicName()) && b.getState() != Bundle.ACTIVE) {
                    try {
                        b.start(Bundle.START_TRANSIENT);
                    } catch (BundleException e) {
                        throw new LaunchException("--shell: cannot start " + name + ": " + e.getMessage());
                    }
                }
            }
        }
    }
}
