package org.osgix.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where things are and how the emulator is started, from system properties:
 * <ul>
 * <li>{@code osgix.root}: the repository root (the parent pom passes it); when it holds no
 * {@code tests/manifest.txt}, the parent of the module directory is used.</li>
 * <li>{@code osgix.command}: the emulator command prefix, split on whitespace; default
 * {@code java -jar <root>/bundles/launcher/target/osgix/osgix.jar}. A leading {@code java}
 * means this JVM's java.</li>
 * <li>{@code osgix.tests}: a regex; only tests whose display name contains a match run.</li>
 * </ul>
 */
record SuiteLayout(Path root, List<String> emulatorCommand, Optional<Pattern> filter) {

    /** The environment of every run unless the manifest line gives its own. */
    static final Map<String, String> DEFAULT_ENVIRONMENT = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LC_ALL", "C");

    static SuiteLayout fromSystemProperties() {
        Path moduleDir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = findRoot(System.getProperty("osgix.root"), moduleDir);
        return new SuiteLayout(root, emulatorCommand(System.getProperty("osgix.command"), root),
                Optional.ofNullable(System.getProperty("osgix.tests")).filter(s -> !s.isBlank()).map(Pattern::compile));
    }

    static Path findRoot(String configured, Path moduleDir) {
        if (configured != null && !configured.isBlank()) {
            Path candidate = Path.of(configured).toAbsolutePath().normalize();
            if (Files.isRegularFile(candidate.resolve("tests/manifest.txt"))) {
                return candidate;
            }
        }
        Path parent = moduleDir.getParent();
        if (parent != null && Files.isRegularFile(parent.resolve("tests/manifest.txt"))) {
            return parent.normalize();
        }
        throw new IllegalStateException("cannot find tests/manifest.txt from osgix.root=" + configured
                + " or the parent of " + moduleDir);
    }

    static List<String> emulatorCommand(String configured, Path root) {
        List<String> command = configured == null || configured.isBlank()
                ? List.of("java", "-jar", root.resolve("bundles/launcher/target/osgix/osgix.jar").toString())
                : Arrays.asList(configured.trim().split("\\s+"));
        if (command.get(0).equals("java")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            command = new java.util.ArrayList<>(command);
            command.set(0, java);
        }
        return List.copyOf(command);
    }

    /** Fails fast, once, when a jar the emulator command names is missing (e.g. the launcher is not built). */
    void requireEmulatorJars() {
        for (String token : emulatorCommand) {
            if (token.endsWith(".jar") && !Files.isRegularFile(Path.of(token))) {
                throw new IllegalStateException("emulator jar " + token + " does not exist: build the launcher first,"
                        + " or pass -Dosgix.command=\"PREFIX\" (e.g. qemu-x86_64)");
            }
        }
    }

    Path testsDir() {
        return root.resolve("tests");
    }

    Path buildDir() {
        return testsDir().resolve("build");
    }

    Path manifest() {
        return testsDir().resolve("manifest.txt");
    }

    Path buildScript() {
        return testsDir().resolve("build-guests");
    }

    /**
     * Where the emulator logs for this entry ({@code --log=FILE}, under tests/target/guest-logs), or
     * empty when the emulator command is not the osgix launcher (e.g. qemu-x86_64).
     */
    Optional<Path> emulatorLog(ManifestEntry entry) {
        boolean osgix = emulatorCommand.stream().anyMatch(t -> t.endsWith(".jar") || t.endsWith("osgix"));
        if (!osgix) {
            return Optional.empty();
        }
        String name = entry.displayName().replaceAll("[^A-Za-z0-9._-]+", "_");
        if (name.length() > 100) {
            name = name.substring(0, 100) + "-" + Integer.toHexString(entry.displayName().hashCode());
        }
        return Optional.of(testsDir().resolve("target/guest-logs").resolve(name + ".log"));
    }

    boolean selected(ManifestEntry entry) {
        return filter.map(f -> f.matcher(entry.displayName()).find()).orElse(true);
    }
}
