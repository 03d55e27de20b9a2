package org.osgix.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgix.syscall.SyscallSupport;
import org.osgix.testkit.GuestPrograms;
import org.osgix.testkit.exam.OsgixOptions;

/** What every integration test shares: the framework's contents, sources, bundles, waiting. */
final class Itest {
    private Itest() {
    }

    /** The default composition plus {@code extra}. */
    static Option[] config(Option... extra) {
        List<Option> all = new ArrayList<>(List.of(OsgixOptions.osgix()));
        all.addAll(List.of(extra));
        return CoreOptions.options(all.toArray(new Option[0]));
    }

    /** The repository: system property osgix.root, else the parent of the module directory. */
    static Path root() {
        String configured = System.getProperty("osgix.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "tests", "guest"))) {
            return Path.of(configured);
        }
        Path parent = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        assertNotNull("cannot find the repository from osgix.root=" + configured, parent);
        return parent;
    }

    /** A guest program of this module (itests/src/test/c), compiled. */
    static String program(String name) {
        return GuestPrograms.compile(root().resolve("itests/src/test/c/" + name + ".c")).toString();
    }

    /** A program of the differential suite (tests/guest), compiled. */
    static String suiteProgram(String name) {
        return GuestPrograms.compile(root().resolve("tests/guest/" + name + ".c")).toString();
    }

    static boolean suiteHas(String name) {
        return Files.isRegularFile(root().resolve("tests/guest/" + name + ".c"));
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " in the framework");
    }

    /** The live support table's row of a syscall. */
    static SyscallSupport.Row row(BundleContext context, String syscall) {
        ServiceReference<SyscallSupport> ref = context.getServiceReference(SyscallSupport.class);
        assertNotNull("no SyscallSupport service (the kernel is not active)", ref);
        SyscallSupport support = context.getService(ref);
        try {
            for (SyscallSupport.Row r : support.table()) {
                if (r.name().equals(syscall)) {
                    return r;
                }
            }
        } finally {
            context.ungetService(ref);
        }
        throw new AssertionError("no syscall " + syscall + " in the support table");
    }

    /** Every row of the support table. */
    static List<SyscallSupport.Row> table(BundleContext context) {
        ServiceReference<SyscallSupport> ref = context.getServiceReference(SyscallSupport.class);
        assertNotNull("no SyscallSupport service (the kernel is not active)", ref);
        try {
            return List.copyOf(context.getService(ref).table());
        } finally {
            context.ungetService(ref);
        }
    }

    /** Waits until {@code condition} holds (DS reacts to bundle events asynchronously at times). */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue("timed out waiting until " + what, System.nanoTime() < deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
