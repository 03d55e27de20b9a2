package org.osgix.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The default distribution's folder: osgix.jar (this launcher, also installed as a bundle: it
 * holds the command-line application), lib/ (the framework), bundle/ (the composition) and
 * shell/ (the Gogo shell: installed, started only for {@code --shell}).
 */
final class Distribution {
    private Distribution() {
    }

    static Path home() {
        String override = System.getProperty("osgix.home");
        if (override != null) {
            return Path.of(override);
        }
        return launcherJar().getParent();
    }

    /** The jar (or class folder) this class was loaded from. */
    static Path launcherJar() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the osgix distribution", e);
        }
    }

    /** The bundles to install and start: the launcher itself, then every jar of bundle/. */
    static List<Path> bundles(Path home) throws IOException {
        Path folder = home.resolve("bundle");
        if (!Files.isDirectory(folder)) {
            throw new IOException("no bundle folder at " + folder);
        }
        List<Path> jars = new ArrayList<>();
        jars.add(launcherJar());
        jars.addAll(jars(folder));
        return jars;
    }

    /** The bundles to install but not start (shell/, when present). */
    static List<Path> dormantBundles(Path home) throws IOException {
        Path folder = home.resolve("shell");
        return Files.isDirectory(folder) ? jars(folder) : List.of();
    }

    private static List<Path> jars(Path folder) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            stream.forEach(jars::add);
        }
        jars.sort(null);
        return jars;
    }
}
