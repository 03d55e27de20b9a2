package org.osgix.launcher;

/**
 * {@code java -jar osgix.jar ARGS}: the default distribution's boot. It starts Felix with the
 * bundles of the distribution folder and hands the command line to the application inside the
 * framework the way bnd's launcher does for an exported composition (a {@code launcher.arguments}
 * service, then the {@code main.thread} Callable runs on this thread), so the command line has one
 * implementation for both ({@code org.osgix.launcher.internal.CommandLineApp}).
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

    static int run(String[] args) {
        try (FrameworkBoot framework = FrameworkBoot.start(Distribution.home())) {
            return framework.runMain(args);
        } catch (Exception e) {
            System.err.println("osgix: " + e.getMessage());
            return FRAMEWORK_ERROR;
        }
    }
}
