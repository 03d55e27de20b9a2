package org.osgix.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles guest C programs into static x86_64 executables ({@code gcc -static -O1 -pthread},
 * with the source's folder on the include path) under the work directory's {@code guests}
 * folder. An executable newer than its source and the headers beside it is reused.
 */
public final class GuestPrograms {
    private static final List<String> FLAGS = List.of("-static", "-O1", "-pthread", "-Wall", "-Wno-unused-function",
            "-fno-stack-protector");
    private static final long COMPILE_TIMEOUT_SECONDS = 120;

    private GuestPrograms() {
    }

    /**
     * A guest program: a C source is {@linkplain #compile compiled}; anything else must be an
     * executable file already (a prebuilt guest, or a host program like /bin/true).
     */
    public static Path locate(Path program) {
        if (program.toString().endsWith(".c")) {
            return compile(program);
        }
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new IllegalArgumentException("no executable guest program at " + program.toAbsolutePath());
        }
        return program.toAbsolutePath().normalize();
    }

    /** The executable built from {@code source} (compiling it when stale). */
    public static synchronized Path compile(Path source, String... extraFlags) {
        Path src = source.toAbsolutePath().normalize();
        if (!Files.isRegularFile(src)) {
            throw new IllegalArgumentException("no guest source at " + src);
        }
        String name = src.getFileName().toString().replaceFirst("\\.c$", "");
        Path out = WorkDirectory.folder("guests").resolve(name);
        if (!stale(out, src)) {
            return out;
        }
        Path tmp = out.resolveSibling(name + ".tmp");
        List<String> command = new ArrayList<>(List.of(System.getProperty("osgix.testkit.cc", "gcc")));
        command.addAll(FLAGS);
        command.addAll(List.of(extraFlags));
        command.addAll(List.of("-I", src.getParent().toString(), "-o", tmp.toString(), src.toString()));
        run(command);
        try {
            return Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean stale(Path out, Path src) {
        try {
            if (!Files.exists(out)) {
                return true;
            }
            long built = Files.getLastModifiedTime(out).toMillis();
            if (Files.getLastModifiedTime(src).toMillis() > built) {
                return true;
            }
            try (DirectoryStream<Path> headers = Files.newDirectoryStream(src.getParent(), "*.h")) {
                for (Path h : headers) {
                    if (Files.getLastModifiedTime(h).toMillis() > built) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("compiler timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("compiler failed (" + p.exitValue() + "): " + String.join(" ", command)
                        + "\n" + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
    }
}
