package org.osgix.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the testkit writes: compiled guests and each run's stdio files. The system property
 * {@code osgix.testkit.dir} names it; by default {@code target/osgix-testkit} under the working
 * directory (the module directory when Maven runs the tests).
 */
public final class WorkDirectory {
    private WorkDirectory() {
    }

    public static Path root() {
        String configured = System.getProperty("osgix.testkit.dir");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.dir"), "target", "osgix-testkit");
        return dir.toAbsolutePath().normalize();
    }

    /** A sub-folder of the work directory, created if needed. */
    public static Path folder(String name) {
        Path dir = root().resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** A fresh, empty folder for one run. */
    static Path newRunFolder(String program) {
        String base = Path.of(program).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            return Files.createTempDirectory(folder("runs"), base + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
