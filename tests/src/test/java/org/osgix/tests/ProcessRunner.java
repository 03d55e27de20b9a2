package org.osgix.tests;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command with an exact environment, stdin from /dev/null and a timeout, capturing
 * stdout and stderr. On timeout the whole process tree is killed, so a hung guest (or a
 * child it started) never outlives its test.
 */
final class ProcessRunner {

    /** Output beyond this many bytes per stream is read and dropped, so a runaway guest cannot fill the heap. */
    static final int CAPTURE_LIMIT = 8 << 20;
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    RunResult run(List<String> command, Map<String, String> environment, Path workDir, Duration timeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(new File("/dev/null"));
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        CompletableFuture<byte[]> stdout = drain(process.getInputStream());
        CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
        boolean timedOut = false;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                killTree(process);
            }
            process.waitFor();
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new RunResult(process.exitValue(), collect(stdout), collect(stderr), timedOut, elapsed);
    }

    /** Kills the process and every descendant (taken before the parent dies and they are re-parented). */
    static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    int room = CAPTURE_LIMIT - kept.size();
                    kept.write(buffer, 0, Math.max(0, Math.min(room, n)));
                }
                result.complete(kept.toByteArray());
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, "guest-output-reader");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    /** The captured bytes; a grandchild still holding the pipe open gets a grace period, then is ignored. */
    private static byte[] collect(CompletableFuture<byte[]> output) throws IOException {
        try {
            return output.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "<output still open after the process exited>".getBytes();
        } catch (ExecutionException e) {
            throw new IOException("reading output failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading output", e);
        }
    }
}
