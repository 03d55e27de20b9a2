package org.osgix.distribution;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of a composition jar: {@code java -jar JAR ARGS} with stdin from /dev/null. */
record Run(int status, String stdout, String stderr) {
    private static final long TIMEOUT_SECONDS = 180;

    static Run of(Path jar, String... args) throws IOException, InterruptedException {
        return with(ProcessHandle.current().info().command().orElse("java"), jar, args);
    }

    /** Runs the jar with another Java. */
    static Run with(String java, Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-XX:-MaxFDLimit");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("osgix-run", ".out");
        Path err = Files.createTempFile("osgix-run", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
