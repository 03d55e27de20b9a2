package org.osgix.launcher;

/**
 * {@code java -jar osgix.jar ARGS} (the default distribution) and {@code java -jar NAME.jar ARGS}
 * (an exported composition): starts Felix with the composition's bundles and hands the command
 * line to the application inside the framework the way bnd's launcher does (a
 * {@code launcher.arguments} service, then the {@code main.thread} Callable runs on this thread),
 * so the command line has one implementation ({@code org.osgix.launcher.internal.CommandLineApp}).
 *
 * <p>Exit status: the application's; 125 when the framework cannot run it.
 */
public final class Main {
    static final int FRAMEWORK_ERROR = 125;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line; the framework is left running when the application returned, for
     * {@link #main} to end the JVM at once: stopping it would deactivate every component and
     * unregister hundreds of syscall services (~100 ms), and nothing of that outlives the JVM
     * (the throw-away cache goes with a shutdown hook).
     */
    static int run(String[] args) {
        // The JDK's default console handler would print emulator diagnostics into the guest's
        // stderr: without --log=FILE (see LogFile) they go nowhere.
        java.util.logging.LogManager.getLogManager().reset();
        StartupTrace trace = StartupTrace.get();
        FrameworkBoot framework = null;
        try {
            framework = FrameworkBoot.start(Composition.current());
            return framework.runMain(args);
        } catch (Exception e) {
            System.err.println("osgix: " + e.getMessage());
            if (framework != null) {
                framework.close();
            }
            return FRAMEWORK_ERROR;
        } finally {
            System.out.flush();
            trace.print(System.err);
        }
    }
}
