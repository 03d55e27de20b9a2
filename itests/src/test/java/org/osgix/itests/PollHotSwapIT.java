package org.osgix.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
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
import org.osgix.testkit.GuestResult;
import org.osgix.testkit.GuestRunner;
import org.osgix.testkit.RunningGuest;
import org.osgix.testkit.WorkDirectory;

/**
 * Poll backends swapped under load: a guest keeps threads blocked in epoll_wait while others
 * write and churn the interest list, and the test stops and starts poll-kqueue and poll-epoll
 * 100 times. Every event must arrive, the guest must still be served while only one backend is
 * up, every thread must end, and the JVM must hold no more host fds than before.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PollHotSwapIT {
    private static final int CYCLES = 100;
    private static final Duration GUEST_LIMIT = Duration.ofSeconds(120);
    private static final Duration PROGRESS_LIMIT = Duration.ofSeconds(20);
    private static final Pattern PROGRESS = Pattern.compile("^progress: (\\d+)$", Pattern.MULTILINE);

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return Itest.config();
    }

    @Test
    public void everyEventArrivesWhileBothBackendsAreSwappedAHundredTimes() throws Exception {
        swapUnderLoad(new GuestRunner(context));
    }

    @Test
    public void aProcessThatAsksForKqueueFollowsItAcrossTheSwapsToo() throws Exception {
        swapUnderLoad(new GuestRunner(context).option("poll", "kqueue"));
    }

    private void swapUnderLoad(GuestRunner runner) throws Exception {
        Bundle epoll = Itest.bundle(context, "org.osgix.poll.epoll");
        Bundle kqueue = Itest.bundle(context, "org.osgix.poll.kqueue");
        String program = Itest.program("epoll-hotswap");
        warmUp(runner, program, epoll, kqueue);
        long fdsBefore = hostFds();

        Path stop = Files.createTempDirectory(WorkDirectory.folder("hotswap"), "run").resolve("stop");
        GuestResult result;
        try (RunningGuest guest = runner.start(program, stop.toString())) {
            guest.awaitStdout("ready", PROGRESS_LIMIT);
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                boolean watch = cycle % 20 == 0;
                cycle(kqueue, guest, watch, "epoll");
                cycle(epoll, guest, watch, "kqueue");
            }
            Files.createFile(stop);
            result = guest.await(GUEST_LIMIT);
        }
        assertEquals(result.toString(), 0, result.exitStatus());
        assertTrue(result.toString(), result.stdout().contains("all events arrived: yes\n"));
        assertTrue(result.toString(), result.stdout().contains("every reader woke for the stop: yes\n"));
        Itest.await("every guest thread to end", Duration.ofSeconds(10), () -> guestThreads().isEmpty());
        // fewer is fine: a backend restarted at the end may not have reopened what it opens lazily
        Itest.await("the host fds to return to at most " + fdsBefore + " (now " + hostFds() + ")",
                Duration.ofSeconds(10), () -> hostFds() <= fdsBefore);
    }

    /**
     * Stops and starts one backend. When {@code watch}, waits while it is stopped until the guest
     * reads more bytes: its epoll set now lives on {@code remaining}.
     */
    private static void cycle(Bundle backend, RunningGuest guest, boolean watch, String remaining)
            throws BundleException {
        backend.stop();
        try {
            if (watch) {
                long seen = lastProgress(guest);
                Itest.await("the guest to read events with only " + remaining + " up (read " + seen + ")",
                        PROGRESS_LIMIT, () -> lastProgress(guest) > seen);
            }
        } finally {
            backend.start();
        }
    }

    /** One swap cycle and a short guest before counting fds: classes load, caches fill. */
    private void warmUp(GuestRunner runner, String program, Bundle epoll, Bundle kqueue) throws Exception {
        for (Bundle b : List.of(kqueue, epoll)) {
            b.stop();
            b.start();
        }
        Path stop = Files.createTempDirectory(WorkDirectory.folder("hotswap"), "warm").resolve("stop");
        try (RunningGuest guest = runner.start(program, stop.toString())) {
            guest.awaitStdout("ready", PROGRESS_LIMIT);
            Files.createFile(stop);
            assertEquals(0, guest.await(GUEST_LIMIT).exitStatus());
        }
        Itest.await("the warm-up guest's threads to end", Duration.ofSeconds(10), () -> guestThreads().isEmpty());
    }

    private static long lastProgress(RunningGuest guest) {
        Matcher m = PROGRESS.matcher(guest.stdoutSoFar());
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    private static long hostFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> guestThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("guest-")).toList();
    }
}
