package org.osgix.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.After;
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
import org.osgix.testkit.RunningGuest;
import org.osgix.testkit.WorkDirectory;
import org.osgix.testkit.exam.OsgixOptions;

/**
 * The sample third-party bundle: its getrandom override and its new ioctl take effect for a
 * guest that is already running when the bundle is installed, and vanish when it is uninstalled.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SeededRandomIT {
    private static final String SAMPLE = "org.osgix.samples.seeded.random";
    private static final Duration STEP = Duration.ofSeconds(30);

    @Inject
    BundleContext context;

    private GuestRunner runner;
    private Bundle sample;

    @Configuration
    public Option[] config() {
        return Itest.config();
    }

    @Before
    public void runner() {
        runner = new GuestRunner(context);
    }

    @After
    public void uninstallTheSample() throws BundleException {
        if (sample != null && sample.getState() != Bundle.UNINSTALLED) {
            sample.uninstall();
        }
    }

    @Test
    public void theOverrideReachesARunningGuestAndLeavesWithTheBundle() throws Exception {
        Path dir = Files.createTempDirectory(WorkDirectory.folder("random-phases"), "run");
        try (RunningGuest guest = runner.option("random-seed", "7").start(Itest.program("random-phases"),
                dir.toString(), "3")) {
            go(dir, 1);
            guest.awaitStdout("phase 1 done", STEP);

            installSample();
            go(dir, 2);
            guest.awaitStdout("phase 2 done", STEP);

            sample.uninstall();
            awaitGetrandomServedBy("org.osgix.sys.info");
            go(dir, 3);
            GuestResult r = guest.await(STEP);
            assertEquals(r.toString(), 0, r.exitStatus());

            String seeded = hex(splitMix64Bytes(7, 16));
            assertNotEquals("before the install: the host's randomness", seeded, bytes(r, 1));
            assertTrue(r.stdout(), r.stdout().contains("phase 1 seed: unknown request"));
            assertEquals("after the install: the seeded stream from its start", seeded, bytes(r, 2));
            assertTrue(r.stdout(), r.stdout().contains("phase 2 seed: 7\n"));
            assertNotEquals("after the uninstall: random again", hex(splitMix64Bytes(7, 32)).substring(32), bytes(r, 3));
            assertNotEquals(seeded, bytes(r, 3));
            assertTrue(r.stdout(), r.stdout().contains("phase 3 seed: unknown request"));
        }
    }

    @Test
    public void withoutALaunchOptionTheComponentSeedRulesAndRunsRepeatExactly() throws Exception {
        installSample();
        SyscallSupport.Row row = Itest.row(context, "getrandom");
        assertEquals("partial", row.support());
        assertEquals("seeded-random", row.family());

        String first = phaseOne();
        assertEquals(seededAfterStartup(42, first), first);
        assertEquals("a second guest starts the stream over", first, phaseOne());
    }

    @Test
    public void stoppingTheSampleGivesTheStandardHandlerBackAndStartingItTakesOverAgain() throws Exception {
        installSample();
        sample.stop();
        awaitGetrandomServedBy("org.osgix.sys.info");
        String host = phaseOne();
        assertNotEquals(seededAfterStartup(42, host), host);
        sample.start();
        awaitGetrandomServedBy(SAMPLE);
        String seeded = phaseOne();
        assertEquals(seededAfterStartup(42, seeded), seeded);
    }

    private String phaseOne() throws IOException {
        Path dir = Files.createTempDirectory(WorkDirectory.folder("random-phases"), "run");
        go(dir, 1);
        GuestResult r = new GuestRunner(context).run(Itest.program("random-phases"), dir.toString(), "1");
        assertEquals(r.toString(), 0, r.exitStatus());
        return bytes(r, 1);
    }

    private void installSample() throws BundleException {
        sample = context.installBundle(OsgixOptions.osgixBundleLocation("seeded-random"));
        sample.start();
        awaitGetrandomServedBy(SAMPLE);
    }

    private void awaitGetrandomServedBy(String bundle) {
        Itest.await("getrandom served by " + bundle, STEP,
                () -> bundle.equals(Itest.row(context, "getrandom").bundle()));
    }

    private static void go(Path dir, int phase) throws IOException {
        Files.createFile(dir.resolve("go-" + phase));
    }

    private static String bytes(GuestResult r, int phase) {
        Matcher m = Pattern.compile("^phase " + phase + " getrandom 16:([0-9a-f]{32})$", Pattern.MULTILINE)
                .matcher(r.stdout());
        assertTrue("no bytes for phase " + phase + " in " + r, m.find());
        return m.group(1);
    }

    /**
     * The bytes main's getrandom got in a guest started while the sample serves getrandom: the
     * seeded stream after whatever the C library's start-up drew first (glibc takes 8 bytes for
     * its malloc tcache key, musl none). Each call starts a fresh 8-byte word, so the offset is a
     * multiple of 8; the test only accepts what the stream really holds there.
     */
    private static String seededAfterStartup(long seed, String actual) {
        String stream = hex(splitMix64Bytes(seed, 64));
        for (int offset = 0; offset + 32 <= stream.length(); offset += 16) {
            if (stream.startsWith(actual, offset)) {
                return actual;
            }
        }
        return stream.substring(16, 48);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The sample's documented generator: SplitMix64 words, little-endian. */
    private static byte[] splitMix64Bytes(long seed, int n) {
        byte[] out = new byte[n];
        long state = seed;
        for (int i = 0; i < n; i += 8) {
            long z = state += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            for (int b = 0; b < 8; b++) {
                out[i + b] = (byte) (z >>> (8 * b));
            }
        }
        return out;
    }
}
