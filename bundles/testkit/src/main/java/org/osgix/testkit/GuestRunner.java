package org.osgix.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Runs guest programs in the framework the way the launcher does: it registers a launch request
 * (an {@link IntConsumer} service with property {@code osgix.launch}) that the kernel picks up.
 * Each run gets its own stdio: stdin is /dev/null unless {@link #stdin} names a file, and stdout
 * and stderr go to fresh files under the {@link WorkDirectory}, given to the kernel as the
 * launch options "stdin", "stdout" and "stderr".
 *
 * <pre>
 * GuestRunner runner = new GuestRunner(bundleContext);
 * runner.assertSameAsNative(GuestPrograms.compile(Path.of("src/test/c/hello.c")).toString());
 * </pre>
 */
public final class GuestRunner {
    /** The environment of every run unless {@link #environment} says otherwise. */
    public static final List<String> DEFAULT_ENVIRONMENT = List.of("PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C");
    private static final Duration KERNEL_PICKUP = Duration.ofSeconds(20);
    /** The launch request's option properties (the kernel's LaunchRequest reads them). */
    private static final String OPTION_PREFIX = "osgix.option.";

    private final BundleContext context;
    private final Map<String, String> options = new LinkedHashMap<>();
    private List<String> environment = DEFAULT_ENVIRONMENT;
    private Path stdin = Path.of("/dev/null");
    private Duration timeout = Duration.ofSeconds(60);

    public GuestRunner(BundleContext context) {
        this.context = context;
    }

    /**
     * A launch option, as {@code ./osgix --NAME=VALUE} gives it (e.g. "poll"); option "strace" =
     * "true" is what the strace bundle attaches on.
     */
    public GuestRunner option(String name, String value) {
        options.put(name, value);
        return this;
    }

    /** The exact environment of later runs ("NAME=VALUE" entries). */
    public GuestRunner environment(String... entries) {
        environment = List.of(entries);
        return this;
    }

    /** The host file later runs read as stdin (native runs too). */
    public GuestRunner stdin(Path file) {
        stdin = file;
        return this;
    }

    /** How long {@link #run} and {@link #runNative} wait for a program (default 60 s). */
    public GuestRunner timeout(Duration limit) {
        timeout = limit;
        return this;
    }

    /**
     * Starts a program in the framework and returns at once.
     *
     * @throws AssertionError when no kernel picks the request up (osgix is not running)
     */
    public RunningGuest start(String... argv) {
        if (argv.length == 0) {
            throw new IllegalArgumentException("no program given");
        }
        Path runDir = WorkDirectory.newRunFolder(argv[0]);
        Path out = runDir.resolve("stdout");
        Path err = runDir.resolve("stderr");
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        RunningGuest guest = new RunningGuest(Arrays.asList(argv), out, err, exit);

        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgix.launch", "testkit");
        props.put("osgix.argv", argv.clone());
        props.put("osgix.env", environment.toArray(new String[0]));
        props.put(OPTION_PREFIX + "stdin", stdin.toString());
        props.put(OPTION_PREFIX + "stdout", out.toString());
        props.put(OPTION_PREFIX + "stderr", err.toString());
        options.forEach((name, value) -> props.put(OPTION_PREFIX + name, value));
        IntConsumer done = exit::complete;
        ServiceRegistration<IntConsumer> registration = context.registerService(IntConsumer.class, done, props);
        guest.requestedBy(registration);
        awaitPickup(registration, guest);
        return guest;
    }

    /** Runs a program in the framework and waits for it to exit (at most the {@link #timeout}). */
    public GuestResult run(String... argv) {
        try (RunningGuest guest = start(argv)) {
            return guest.await(timeout);
        }
    }

    /** Runs a program natively, with the same environment, stdin and working directory. */
    public GuestResult runNative(String... argv) {
        Path runDir = WorkDirectory.newRunFolder(argv[0] + ".native");
        Path out = runDir.resolve("stdout");
        Path err = runDir.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(stdin.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        for (String entry : environment) {
            int eq = entry.indexOf('=');
            pb.environment().put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        try {
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("native " + Arrays.toString(argv) + " still running after " + timeout);
            }
            return new GuestResult(p.exitValue(), RunningGuest.read(out), RunningGuest.read(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv[0] + " natively", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + argv[0]);
        }
    }

    /**
     * Runs a program natively and in the framework.
     *
     * @return the framework's result
     * @throws AssertionError naming the difference when stdout or the exit status differ
     */
    public GuestResult assertSameAsNative(String... argv) {
        GuestResult expected = runNative(argv);
        GuestResult actual = run(argv);
        List<String> problems = new ArrayList<>();
        if (expected.exitStatus() != actual.exitStatus()) {
            problems.add("exit status: native " + expected.exitStatus() + ", osgix " + actual.exitStatus());
        }
        if (!expected.stdout().equals(actual.stdout())) {
            problems.add("stdout differs at " + firstDifference(expected.stdoutLines(), actual.stdoutLines()));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("; ", problems) + " for "
                    + Arrays.toString(argv) + "\n=== native: " + expected + "\n=== osgix: " + actual);
        }
        return actual;
    }

    private static String firstDifference(List<String> expected, List<String> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return "line " + (i + 1) + ": native \"" + expected.get(i) + "\", osgix \"" + actual.get(i) + "\"";
            }
        }
        return "line " + (n + 1) + ": native has " + expected.size() + " lines, osgix " + actual.size();
    }

    private void awaitPickup(ServiceRegistration<IntConsumer> registration, RunningGuest guest) {
        long deadline = System.nanoTime() + KERNEL_PICKUP.toNanos();
        while (registration.getReference().getUsingBundles() == null) {
            if (System.nanoTime() > deadline) {
                guest.close();
                throw new AssertionError("no kernel picked up the launch request within " + KERNEL_PICKUP
                        + "; bundles not active: " + inactiveBundles());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                guest.close();
                throw new AssertionError("interrupted while waiting for the kernel");
            }
        }
    }

    private String inactiveBundles() {
        List<String> names = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.ACTIVE) {
                names.add(b.getSymbolicName());
            }
        }
        return names.isEmpty() ? "none (a component is unsatisfied)" : String.join(", ", names);
    }
}
