package org.osgix.launcher.internal;

import java.io.PrintStream;
import java.util.Hashtable;
import java.util.concurrent.Callable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The osgix command line, inside the framework. Whoever started the framework publishes the
 * arguments as bnd's launcher does (an Object service with {@code launcher.arguments}); this
 * component answers with the {@code main.thread} Callable whose result is the exit status. The
 * same code serves the default distribution ({@code osgix.jar}) and every exported composition.
 */
@Component(immediate = true, service = {})
public final class CommandLineApp {
    static final String LAUNCHER_ARGUMENTS = "launcher.arguments";
    static final int USAGE_ERROR = 2, FRAMEWORK_ERROR = 125;
    /** Same as {@code LogServiceBridge.FACTORY}, without loading that class. */
    private static final String LOG_SERVICE = "org.osgi.service.log.LoggerFactory";

    private final BundleContext context;
    private final ServiceRegistration<?> mainThread;

    @Activate
    public CommandLineApp(BundleContext context,
            @Reference(service = Object.class, target = "(" + LAUNCHER_ARGUMENTS + "=*)") ServiceReference<Object> launcher) {
        this.context = context;
        String[] args = (String[]) launcher.getProperty(LAUNCHER_ARGUMENTS);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("main.thread", "true");
        this.mainThread = context.registerService(Callable.class, new MainThread(args), props);
    }

    @Deactivate
    void deactivate() {
        try {
            mainThread.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
    }

    /** A named class: bnd's launcher checks that the service's class implements Callable<Integer>. */
    private final class MainThread implements Callable<Integer> {
        private final String[] args;

        MainThread(String[] args) {
            this.args = args;
        }

        @Override
        public Integer call() {
            return run(args);
        }
    }

    int run(String[] args) {
        PrintStream err = System.err;
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println("osgix: " + e.getMessage());
            err.println(Options.USAGE);
            return USAGE_ERROR;
        }
        try {
            if (options.help) {
                System.out.println(Options.USAGE);
                return 0;
            }
            if (options.logFile != null) {
                LogFile.open(options.logFile);
            }
            if (context.getServiceReference(LOG_SERVICE) != null) {
                LogServiceBridge.install(context); // loaded only when the optional Log Service package is wired
            }
            if (options.command == Options.Command.SYSCALLS) {
                return SupportTableCommand.print(context, System.out);
            }
            return new GuestRun(context, options).run();
        } catch (LaunchException e) {
            err.println("osgix: " + e.getMessage());
            return FRAMEWORK_ERROR;
        }
    }
}
