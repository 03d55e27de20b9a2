package org.osgix.launcher.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;

/**
 * Runs one guest program: asks the kernel with a launch request (an {@link IntConsumer} service
 * with {@code osgix.launch}, JDK types only) and waits for the exit status it passes back. With
 * {@code --shell} a Gogo shell runs beside the guest until the guest exits.
 */
final class GuestRun {
    /** The launch option that lets the kernel end this JVM by a guest's fatal signal (never set in a test framework). */
    private static final String DIE_BY_SIGNAL = "die-by-signal";
    /** How long the kernel may take to pick up the request before we report what is missing. */
    private static final long KERNEL_WAIT_SECONDS = 20;

    private final BundleContext context;
    private final Options options;

    GuestRun(BundleContext context, Options options) {
        this.context = context;
        this.options = options;
    }

    int run() throws LaunchException {
        if (options.strace) {
            startStrace();
        }
        AutoCloseable shell = options.shell ? ShellStarter.start(context, options.shellInput) : null;
        CompletableFuture<Integer> status = new CompletableFuture<>();
        IntConsumer done = status::complete;
        ServiceRegistration<IntConsumer> request = context.registerService(IntConsumer.class, done, requestProperties());
        try {
            waitForKernel(request);
            int exit = status.join();
            HandlerFailures.report(context);
            return exit;
        } finally {
            try {
                request.unregister();
            } catch (IllegalStateException frameworkStopping) {
                // nothing left to clean up
            }
            closeQuietly(shell);
        }
    }

    /** The strace bundle is started on demand: its interceptor is bound before the guest starts. */
    private void startStrace() throws LaunchException {
        boolean active;
        try {
            active = OnDemandBundles.start(context, OnDemandBundles.STRACE);
        } catch (BundleException e) {
            throw new LaunchException("--strace: cannot start " + OnDemandBundles.STRACE + ": " + e.getMessage());
        }
        if (!active) {
            System.err.println("osgix: --strace: this composition has no " + OnDemandBundles.STRACE
                    + " bundle; running without tracing");
        }
    }

    Hashtable<String, Object> requestProperties() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgix.launch", "cli");
        props.put("osgix.argv", options.argv.toArray(new String[0]));
        props.put("osgix.env", options.environment(launcherEnvironment()).toArray(new String[0]));
        if (options.strace) {
            props.put("osgix.option.strace", "true"); // what the strace interceptor attaches on
        }
        String inherited = System.getProperty("osgix.inherited.fds"); // set by ./osgix
        if (inherited != null && !inherited.isBlank()) {
            props.put("osgix.option.inherited-fds", inherited);
        }
        // this JVM exists for the guest: a guest killed by a signal ends it by that signal
        props.put("osgix.option." + DIE_BY_SIGNAL, "true");
        String sigign = System.getProperty("osgix.inherited.sigign"); // set by ./osgix: its SigIgn in hex
        if (sigign != null && !sigign.isBlank()) {
            props.put("osgix.option.inherited-sigign", sigign);
        }
        if (options.straceOutput != null) {
            props.put("osgix.option.strace-output", options.straceOutput);
        }
        for (Map.Entry<String, String> e : options.launchOptions.entrySet()) {
            props.put("osgix.option." + e.getKey(), e.getValue());
        }
        return props;
    }

    private void waitForKernel(ServiceRegistration<IntConsumer> request) throws LaunchException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KERNEL_WAIT_SECONDS);
        while (request.getReference().getUsingBundles() == null) {
            if (System.nanoTime() > deadline) {
                throw new LaunchException("the kernel did not start: " + Diagnostics.whatIsMissing(context));
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for the kernel");
            }
        }
    }

    /**
     * The environment this JVM was started with, in its original order (System.getenv() loses
     * the order), without the {@code _} variable the shell set for the java command itself.
     */
    static List<String> launcherEnvironment() {
        List<String> env = new ArrayList<>();
        try {
            String all = new String(Files.readAllBytes(Path.of("/proc/self/environ")), StandardCharsets.UTF_8);
            for (String e : all.split("\0")) {
                if (!e.isEmpty() && !(e.startsWith("_=") && e.endsWith("/java"))) {
                    env.add(e);
                }
            }
        } catch (IOException noProc) {
            System.getenv().forEach((k, v) -> env.add(k + "=" + v));
        }
        return env;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // the guest's status matters more than the shell's goodbye
            }
        }
    }
}
