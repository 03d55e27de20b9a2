package org.osgix.testkit.exam;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options that provision osgix into the test framework: the runtime it needs (Felix SCR,
 * JNA), the core bundles of the default composition, this testkit, and JUnit.
 *
 * <pre>
 * &#64;Configuration
 * public Option[] config() {
 *     return options(OsgixOptions.osgix(), bundle("file:target/my-family.jar"));
 * }
 * </pre>
 *
 * <p>Each bundle comes from {@code mvn:GROUP/ARTIFACT/VERSION} (the local Maven repository, or
 * the remote ones pax-url is configured for), unless the system property
 * {@code osgix.bundle.ARTIFACT} names a jar file: a reactor build passes its freshly built jars
 * that way, without installing them.
 */
public final class OsgixOptions {
    /** The artifact ids of the default composition's osgix bundles. */
    public static final List<String> CORE = List.of("syscall-api", "fd-table", "host-posix", "arch-x86_64",
            "engine-unicorn", "engine-native", "kernel", "loader-elf", "sys-mm", "sys-thread", "sys-time", "sys-info",
            "sys-files", "sys-io", "sys-signal", "sys-poll", "sys-socket", "poll-epoll", "poll-kqueue", "io-ioctl");

    private static final String OSGIX_GROUP = "org.osgix";

    private OsgixOptions() {
    }

    /** Everything a guest needs to run in the test framework, plus the testkit and JUnit. */
    public static Option osgix() {
        return osgixWithout();
    }

    /**
     * Like {@link #osgix()} without some core bundles (artifact ids from {@link #CORE}), e.g. to
     * provision a replacement family instead of the standard one.
     */
    public static Option osgixWithout(String... artifactIds) {
        Set<String> left = Set.of(artifactIds);
        List<Option> options = new ArrayList<>();
        options.add(runtime());
        for (String artifactId : CORE) {
            if (!left.contains(artifactId)) {
                options.add(osgixBundle(artifactId));
            }
        }
        options.add(osgixBundle("testkit"));
        options.add(junitBundles());
        options.add(settings());
        return composite(options.toArray(new Option[0]));
    }

    /** One osgix bundle by artifact id (e.g. "strace"), installed and started. */
    public static Option osgixBundle(String artifactId) {
        return bundle(location(OSGIX_GROUP, artifactId, Versions.get("osgix")));
    }

    /**
     * Where an osgix bundle is: the {@code file:} URL the system property
     * {@code osgix.bundle.ARTIFACT} gives, else its {@code mvn:} URL. For tests that install a
     * bundle themselves while the framework runs.
     */
    public static String osgixBundleLocation(String artifactId) {
        return location(OSGIX_GROUP, artifactId, Versions.get("osgix"));
    }

    /** Declarative Services and JNA: what the osgix bundles need from outside. */
    public static Option runtime() {
        return composite(
                bundle(location("org.osgi", "org.osgi.util.function", Versions.get("osgi.util.function"))),
                bundle(location("org.osgi", "org.osgi.util.promise", Versions.get("osgi.util.promise"))),
                bundle(location("org.osgi", "org.osgi.service.component", Versions.get("osgi.service.component"))),
                bundle(location("org.apache.felix", "org.apache.felix.scr", Versions.get("felix.scr"))),
                bundle(location("net.java.dev.jna", "jna", Versions.get("jna"))));
    }

    /**
     * System properties osgix needs in the framework: JNA loads its native part through the
     * bundle's Bundle-NativeCode (not an extracted copy under ~/.cache), and Pax Exam's logging
     * stays quiet.
     */
    public static Option settings() {
        return composite(
                systemProperty("jna.nosys").value("false"),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
    }

    static String location(String groupId, String artifactId, String version) {
        String file = System.getProperty("osgix.bundle." + artifactId);
        if (file != null && !file.isBlank()) {
            return new java.io.File(file).toURI().toString();
        }
        return "mvn:" + groupId + "/" + artifactId + "/" + version;
    }
}
