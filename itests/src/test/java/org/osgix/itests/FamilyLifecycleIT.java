package org.osgix.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgix.syscall.SyscallSupport;
import org.osgix.testkit.GuestResult;
import org.osgix.testkit.GuestRunner;

/**
 * Families are ordinary bundles: stopping one takes its syscalls away (ENOSYS in the support
 * table and for guests), starting it again brings them back, and no other family notices.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FamilyLifecycleIT {
    /** Family bundles, each with a syscall a guest can call raw without needing it to start up. */
    private static final Map<String, String> PROBES = new LinkedHashMap<>();

    static {
        PROBES.put("org.osgix.sys.info", "getpid");
        PROBES.put("org.osgix.sys.time", "clock_gettime");
        PROBES.put("org.osgix.sys.poll", "epoll_create1");
        PROBES.put("org.osgix.io.ioctl", "ioctl");
        PROBES.put("org.osgix.sys.signal", "rt_sigprocmask");
    }

    /** Every family bundle: the support table must follow each one's lifecycle. */
    private static final List<String> FAMILIES = List.of("org.osgix.sys.mm", "org.osgix.sys.thread",
            "org.osgix.sys.time", "org.osgix.sys.info", "org.osgix.sys.files", "org.osgix.sys.io",
            "org.osgix.sys.signal", "org.osgix.sys.poll", "org.osgix.sys.socket", "org.osgix.io.ioctl");

    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Inject
    BundleContext context;

    private GuestRunner runner;

    @Configuration
    public Option[] config() {
        return Itest.config();
    }

    @Before
    public void runner() {
        runner = new GuestRunner(context);
    }

    @Test
    public void stoppingAFamilyEmptiesItsRowsAndStartingItRestoresThemExactly() throws BundleException {
        for (String family : FAMILIES) {
            Map<String, String> before = rows();
            Map<String, String> own = new TreeMap<>(before);
            own.values().removeIf(v -> !v.startsWith(family + " "));
            assertFalse(family + " serves no syscall", own.isEmpty());

            Bundle bundle = Itest.bundle(context, family);
            bundle.stop();
            try {
                Map<String, String> stopped = rows();
                for (String syscall : own.keySet()) {
                    SyscallSupport.Row row = Itest.row(context, syscall);
                    assertEquals(family + " stopped: " + syscall, "enosys", row.support());
                    assertNull(row.bundle());
                }
                Map<String, String> others = new TreeMap<>(before);
                others.keySet().removeAll(own.keySet());
                Map<String, String> othersNow = new TreeMap<>(stopped);
                othersNow.keySet().removeAll(own.keySet());
                assertEquals("other families' rows while " + family + " is stopped", others, othersNow);
            } finally {
                bundle.start();
            }
            Itest.await(family + " restarted", SETTLE, () -> rows().equals(before));
        }
    }

    @Test
    public void aGuestSeesEnosysForExactlyTheStoppedFamily() throws BundleException {
        String program = Itest.program("raw-syscall");
        List<String> calls = new ArrayList<>(PROBES.values());
        for (Map.Entry<String, String> probe : PROBES.entrySet()) {
            Bundle bundle = Itest.bundle(context, probe.getKey());
            bundle.stop();
            try {
                GuestResult r = runner.run(argv(program, calls));
                assertEquals(r.toString(), 0, r.exitStatus());
                assertEquals("with " + probe.getKey() + " stopped", expected(calls, probe.getValue()), r.stdout());
            } finally {
                bundle.start();
            }
        }
        GuestResult all = runner.run(argv(program, calls));
        assertEquals("every family back", expected(calls, null), all.stdout());
    }

    @Test
    public void whatAFamilyServesIsBackForTheNextGuestAfterARestart() throws BundleException {
        String program = Itest.program("raw-syscall");
        Bundle info = Itest.bundle(context, "org.osgix.sys.info");
        for (int round = 0; round < 3; round++) {
            info.stop();
            try {
                assertEquals("getpid: ENOSYS\nuname: ENOSYS\n", runner.run(program, "getpid", "uname").stdout());
            } finally {
                info.start();
            }
            assertEquals("getpid: served\nuname: served\n", runner.run(program, "getpid", "uname").stdout());
        }
    }

    @Test
    public void theKernelFollowsTheArchitectureBundleAndComesBackWithTheSameTable() throws BundleException {
        Map<String, String> before = rows();
        Bundle arch = Itest.bundle(context, "org.osgix.arch.x86_64");
        arch.stop();
        try {
            // the kernel cannot dispatch without the syscall table: its component deactivates
            Itest.await("the kernel to go", SETTLE,
                    () -> context.getServiceReference(SyscallSupport.class) == null);
        } finally {
            arch.start();
        }
        Itest.await("the kernel to come back", SETTLE,
                () -> context.getServiceReference(SyscallSupport.class) != null);
        assertEquals(before, rows());
        assertEquals("getpid: served\n", runner.run(Itest.program("raw-syscall"), "getpid").stdout());
    }

    private static String[] argv(String program, List<String> calls) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(calls);
        return argv.toArray(new String[0]);
    }

    private static String expected(List<String> calls, String missing) {
        StringBuilder out = new StringBuilder();
        for (String c : calls) {
            out.append(c).append(": ").append(c.equals(missing) ? "ENOSYS" : "served").append('\n');
        }
        return out.toString();
    }

    /** syscall → "bundle support note" for every served syscall. */
    private Map<String, String> rows() {
        Map<String, String> rows = new TreeMap<>();
        for (SyscallSupport.Row r : Itest.table(context)) {
            if (r.bundle() != null) {
                rows.put(r.name(), r.bundle() + " " + r.support() + " " + r.note());
            }
        }
        return rows;
    }
}
