package org.osgix.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgix.testkit.GuestResult;
import org.osgix.testkit.GuestRunner;

/** Guest programs of the differential suite run inside the framework with native output. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GuestProgramsIT {
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
    public void helloPrintsAndExitsLikeNative() {
        GuestResult r = runner.assertSameAsNative(Itest.suiteProgram("hello"));
        assertEquals("hello, world\n", r.stdout());
    }

    @Test
    public void argumentsAndEnvironmentReachTheGuest() {
        GuestResult r = runner.environment("A=1", "B=two words")
                .assertSameAsNative(Itest.suiteProgram("args"), "one", "two words", "", "three");
        assertTrue(r.stdout(), r.stdout().contains("argv[2]: [two words]"));
    }

    @Test
    public void exitStatusesReachTheLaunchRequest() {
        assertEquals(3, runner.assertSameAsNative(Itest.suiteProgram("exit-code"), "3").exitStatus());
        assertEquals(139, runner.assertSameAsNative(Itest.suiteProgram("segv"), "null-write").exitStatus());
    }

    @Test
    public void threadsAndFutexesWorkInTheFramework() {
        runner.assertSameAsNative(Itest.suiteProgram("mutex"));
        runner.assertSameAsNative(Itest.suiteProgram("condvar"));
    }

    @Test
    public void ioctlProgramsMatchNative() {
        runAll("ioctl-cloexec", "ioctl-fionbio", "ioctl-fionread", "ioctl-errors",
                "ioctl-tty", "ioctl-stress");
    }

    @Test
    public void epollProgramsMatchNative() {
        runAll("epoll", "epoll-mt", "epoll-edge", "epoll-close", "epoll-dup",
                "epoll-nested", "epoll-aba");
    }

    /** Runs every listed program the suite has (at least one), collecting all differences. */
    private void runAll(String... names) {
        List<String> ran = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            if (!Itest.suiteHas(name)) {
                continue;
            }
            ran.add(name);
            try {
                GuestResult r = runner.assertSameAsNative(Itest.suiteProgram(name));
                assertEquals(name + " exit status", 0, r.exitStatus());
            } catch (AssertionError e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        // an assertion, not an assumption: Pax Exam reports a violated assumption as a pass
        assertTrue("none of " + List.of(names) + " exists in tests/guest", !ran.isEmpty());
        assertEquals("ran " + ran, List.of(), failures);
    }
}
