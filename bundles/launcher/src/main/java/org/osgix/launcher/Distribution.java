package org.osgix.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The default distribution's folder: osgix.jar (this launcher, also installed as a bundle: it
 * holds the command-line application), lib/ (the framework), bundle/ (the composition) and
 * shell/ (the Gogo shell: installed, started only for {@code --shell}). Bundles are installed
 * by reference: nothing is copied.
 */
final class Distribution implements Composition {
    private final Path home;

    Distribution(Path home) {
        this.home = home;
    }

    static Path home() {
        String override = System.getProperty("osgix.home");
        return override != null ? Path.of(override) : launcherJar().getParent();
    }

    /** The jar (or class folder) this class was loaded from. */
    static Path launcherJar() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the osgix distribution", e);
        }
    }

    /** The run properties of cnf/osgix-base.bndrun, which the exported compositions carry. */
    @Override
    public Map<String, String> runProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("jna.nosys", "false"); // JNA's native part comes from its bundle
        props.put("felix.log.level", "1");
        props.put("felix.cache.locking", "false"); // a private, throw-away cache
        return props;
    }

    @Override
    public List<Bundle> install(BundleContext context) throws IOException, BundleException {
        Path folder = home.resolve("bundle");
        if (!Files.isDirectory(folder)) {
            throw new IOException("no bundle folder at " + folder);
        }
        List<Bundle> toStart = new ArrayList<>();
        toStart.add(installByReference(context, launcherJar()));
        for (Path jar : jars(folder)) {
            toStart.add(installByReference(context, jar));
        }
        Path dormant = home.resolve("shell");
        if (Files.isDirectory(dormant)) {
            for (Path jar : jars(dormant)) {
                installByReference(context, jar);
            }
        }
        return toStart;
    }

    private static Bundle installByReference(BundleContext context, Path jar) throws BundleException {
        return context.installBundle("reference:" + jar.toUri());
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
