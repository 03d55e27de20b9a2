package org.osgix.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;
import org.osgix.syscall.SyscallInterceptor;
import org.osgix.testkit.GuestResult;
import org.osgix.testkit.GuestRunner;
import org.osgix.testkit.RunningGuest;
import org.osgix.testkit.WorkDirectory;
import org.osgix.testkit.exam.OsgixOptions;

/**
 * The interceptor SPI: interceptors registered by the test see every syscall of the processes
 * they attach to, in order, nested by ranking around the handler, with the handler's result.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InterceptorIT {
    /** The tail every run of syscall-sequence ends with. */
    private static final List<String> SEQUENCE = List.of("getpid", "getppid", "getuid", "getgid", "geteuid",
            "getegid", "uname", "write", "exit_group");
    private static final String OPTION = "itest-trace";
    private static final Pattern TRACE_LINE =
            Pattern.compile("^(?:\\[(?:pid\\s*)?\\d+\\]\\s*)?([a-z][a-z0-9_]*)\\(", Pattern.MULTILINE);

    @Inject
    BundleContext context;

    private final List<ServiceRegistration<SyscallInterceptor>> registrations = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return Itest.config();
    }

    @After
    public void unregister() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    @Test
    public void interceptorsSeeEverySyscallInOrderNestedByRankingAroundTheHandler() {
        String marker = UUID.randomUUID().toString();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        register(new Recorder("inner", marker, log), 5);
        register(new Recorder("outer", marker, log), 10);
        GuestResult r = new GuestRunner(context).option(OPTION, marker).run(Itest.program("syscall-sequence"));
        assertEquals(r.toString(), 7, r.exitStatus());
        assertEquals("sequence done\n", r.stdout());

        List<String> calls = new ArrayList<>();
        List<String> events = List.copyOf(log);
        int i = 0;
        while (i < events.size()) {
            String name = field(events.get(i), 2);
            calls.add(name);
            assertEquals("outer before " + name, prefix(events.get(i)));
            assertEquals("inner before " + name, prefix(events.get(i + 1)));
            if (i + 2 == events.size()) {
                assertEquals("only exit_group may end without an after", "exit_group", name);
                break;
            }
            assertEquals("inner after " + name, prefix(events.get(i + 2)));
            assertEquals("outer after " + name, prefix(events.get(i + 3)));
            assertEquals("both see the same result", field(events.get(i + 2), 3), field(events.get(i + 3), 3));
            i += 4;
        }
        assertTrue("calls " + calls, calls.size() > SEQUENCE.size());
        assertEquals(SEQUENCE, calls.subList(calls.size() - SEQUENCE.size(), calls.size()));
        assertEquals("execve is the loader's, not a guest syscall", false, calls.contains("execve"));
        assertTrue("getpid's result is a pid: " + events, events.contains("outer after getpid = " + pid(events)));
        assertTrue(events.contains("outer after write = 14"));
        assertTrue(events.contains("outer after uname = 0"));
    }

    @Test
    public void anInterceptorSeesOnlyTheProcessesItAttachedToWhenTheyStarted() throws Exception {
        String marker = UUID.randomUUID().toString();
        List<String> early = Collections.synchronizedList(new ArrayList<>());
        List<String> other = Collections.synchronizedList(new ArrayList<>());
        register(new Recorder("early", marker, early), 0);
        register(new Recorder("other", "not-" + marker, other), 0);
        Path dir = Files.createTempDirectory(WorkDirectory.folder("interceptors"), "run");
        try (RunningGuest guest = new GuestRunner(context).option(OPTION, marker)
                .start(Itest.program("random-phases"), dir.toString(), "1")) {
            Itest.await("the guest to start", Duration.ofSeconds(30), () -> early.size() > 4);
            List<String> late = Collections.synchronizedList(new ArrayList<>());
            register(new Recorder("late", marker, late), 20);
            Files.createFile(dir.resolve("go-1"));
            assertEquals(0, guest.await(Duration.ofSeconds(30)).exitStatus());
            assertEquals("registered after the process started", List.of(), late);
        }
        assertEquals("a process launched with another marker", List.of(), other);
        assertTrue(early.stream().anyMatch("early before getrandom"::equals));
        assertTrue(early.stream().anyMatch("early before ioctl"::equals));
    }

    @Test
    public void theStraceBundlePrintsTheSyscallsTheInterceptorSeesInTheSameOrder() throws Exception {
        Bundle strace = context.installBundle(OsgixOptions.osgixBundleLocation("strace"));
        try {
            // no assumption here: Pax Exam reports a violated assumption inside the framework as a pass
            assertNotNull("the strace bundle (bundles/strace) declares no component",
                    strace.getHeaders().get("Service-Component"));
            strace.start();
            String marker = UUID.randomUUID().toString();
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            register(new Recorder("rec", marker, log), 0);
            Itest.await("the strace interceptor", Duration.ofSeconds(10),
                    () -> strace.getRegisteredServices() != null);
            Path trace = Files.createTempDirectory(WorkDirectory.folder("interceptors"), "strace").resolve("stderr");
            GuestResult r = HostStderr.capture(context, trace, () -> new GuestRunner(context)
                    .option(OPTION, marker).option("strace", "true").run(Itest.program("syscall-sequence")));
            assertEquals(r.toString(), 7, r.exitStatus());
            List<String> seen = log.stream().filter(e -> e.startsWith("rec before ")).map(e -> field(e, 2)).toList();
            String output = HostStderr.read(trace);
            assertEquals("strace output:\n" + output, seen, tracedNames(output));
            assertTrue(output, Pattern.compile("^write\\(1, \"sequence done\\\\n\", 14\\) += 14$", Pattern.MULTILINE)
                    .matcher(output).find());
            assertTrue(output, output.contains("+++ exited with 7 +++"));
            if (Files.isExecutable(Path.of("/usr/bin/strace"))) {
                // the oracle, where the host has it: the same calls as natively (execve is the loader's)
                GuestResult nativeTrace = new GuestRunner(context)
                        .runNative("/usr/bin/strace", Itest.program("syscall-sequence"));
                if (nativeTrace.exitStatus() == 7) { // else ptrace is not allowed here
                    List<String> expected = new ArrayList<>(tracedNames(nativeTrace.stderr()));
                    expected.remove("execve");
                    assertEquals("native strace:\n" + nativeTrace.stderr(), expected, seen);
                }
            }
        } finally {
            strace.uninstall();
        }
    }

    /** The syscall names of strace-like lines: "[TID] name(args) = result", "name(args) = ?"... */
    private static List<String> tracedNames(String output) {
        Matcher m = TRACE_LINE.matcher(output);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private void register(SyscallInterceptor interceptor, int ranking) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, ranking);
        registrations.add(context.registerService(SyscallInterceptor.class, interceptor, props));
    }

    private static String pid(List<String> events) {
        return events.stream().filter(e -> e.startsWith("outer after getpid = ")).map(e -> field(e, 4))
                .filter(p -> Long.parseLong(p) > 0).findFirst().orElse("none");
    }

    /** "tag when name" of an event "tag when name [= result]". */
    private static String prefix(String event) {
        String[] f = event.split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static String field(String event, int n) {
        return event.split(" ")[n];
    }

    /** Logs "TAG before NAME" and "TAG after NAME = RESULT" for processes launched with the marker. */
    private static final class Recorder implements SyscallInterceptor {
        private final String tag;
        private final String marker;
        private final List<String> log;

        Recorder(String tag, String marker, List<String> log) {
            this.tag = tag;
            this.marker = marker;
            this.log = log;
        }

        @Override
        public boolean attach(GuestProcess process) {
            return marker.equals(process.option(OPTION));
        }

        @Override
        public void before(SyscallContext call) {
            log.add(tag + " before " + call.name());
        }

        @Override
        public void after(SyscallContext call, long result) {
            log.add(tag + " after " + call.name() + " = " + result);
        }
    }
}
