package org.osgix.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.osgi.framework.ServiceRegistration;

/**
 * A guest the kernel is running for a test: its stdio files and its exit status once it ends.
 * Closing it withdraws the launch request (the guest itself runs on until it exits).
 */
public final class RunningGuest implements AutoCloseable {
    private static final long POLL_MILLIS = 5;

    private final List<String> argv;
    private final Path stdout;
    private final Path stderr;
    private final CompletableFuture<Integer> exit;
    private volatile ServiceRegistration<IntConsumer> request;

    RunningGuest(List<String> argv, Path stdout, Path stderr, CompletableFuture<Integer> exit) {
        this.argv = List.copyOf(argv);
        this.stdout = stdout;
        this.stderr = stderr;
        this.exit = exit;
    }

    void requestedBy(ServiceRegistration<IntConsumer> registration) {
        this.request = registration;
    }

    /** The program and its arguments. */
    public List<String> argv() {
        return argv;
    }

    /** The host file the guest's fd 1 writes to. */
    public Path stdoutFile() {
        return stdout;
    }

    /** True until the guest has exited. */
    public boolean isRunning() {
        return !exit.isDone();
    }

    /** What the guest has written to stdout so far. */
    public String stdoutSoFar() {
        return read(stdout);
    }

    /**
     * Waits until the guest's stdout contains {@code text}.
     *
     * @throws AssertionError when the guest exits or the time runs out first
     */
    public void awaitStdout(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stdoutSoFar().contains(text)) {
            if (exit.isDone() && !stdoutSoFar().contains(text)) {
                throw new AssertionError("guest " + argv + " exited without printing \"" + text + "\": "
                        + result(exit.join()));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("guest " + argv + " did not print \"" + text + "\" within " + timeout
                        + "; stdout so far:\n" + stdoutSoFar());
            }
            pause();
        }
    }

    /**
     * Waits for the guest to exit.
     *
     * @throws AssertionError when it is still running after {@code timeout}
     */
    public GuestResult await(Duration timeout) {
        try {
            int status = exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return result(status);
        } catch (TimeoutException e) {
            throw new AssertionError("guest " + argv + " still running after " + timeout + "; stdout so far:\n"
                    + stdoutSoFar() + "--- stderr so far:\n" + read(stderr));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + argv);
        } finally {
            if (exit.isDone()) {
                close();
            }
        }
    }

    private GuestResult result(int status) {
        return new GuestResult(status, read(stdout), read(stderr));
    }

    @Override
    public void close() {
        ServiceRegistration<IntConsumer> r = request;
        request = null;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the test bundle stopped first
            }
        }
    }

    static String read(Path file) {
        try {
            // lenient decoding: a guest may print any bytes
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
