package org.osgix.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Where start-up time goes, for {@code -Dosgix.startup.trace=true} (through ./osgix:
 * {@code OSGIX_JAVA_OPTIONS=-Dosgix.startup.trace=true}): the boot's phases, every bundle's start
 * (with the services registered meanwhile) and the guest's run, printed to stderr when the
 * command line is done. Off by default: then every call is a field test.
 */
final class StartupTrace {
    static final String PROPERTY = "osgix.startup.trace";
    private static final StartupTrace INSTANCE = new StartupTrace(Boolean.getBoolean(PROPERTY));

    private final boolean enabled;
    private final long origin = System.nanoTime();
    private final List<String> labels = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private int servicesSinceMark;

    private StartupTrace(boolean enabled) {
        this.enabled = enabled;
    }

    static StartupTrace get() {
        return INSTANCE;
    }

    /** Marks the end of a phase. */
    synchronized void mark(String phase) {
        if (enabled) {
            labels.add(phase + (servicesSinceMark > 0 ? " (" + servicesSinceMark + " services)" : ""));
            times.add(System.nanoTime());
            servicesSinceMark = 0;
        }
    }

    /** Marks each bundle's start (bundles start on several threads) and counts service registrations in between. */
    void watch(BundleContext context) {
        if (!enabled) {
            return;
        }
        context.addBundleListener((SynchronousBundleListener) event -> {
            if (event.getType() == BundleEvent.STARTED) {
                mark("start " + event.getBundle().getSymbolicName());
            }
        });
        context.addServiceListener(event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                registered(event.getServiceReference());
            }
        });
    }

    private synchronized void registered(ServiceReference<?> ref) {
        servicesSinceMark++;
        if (ref.getProperty("osgix.launch") != null) {
            mark("launch request registered");
        }
    }

    /** Prints the phases with their durations; JVM start is what passed before this class loaded. */
    synchronized void print(PrintStream out) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        long jvm = ManagementFactory.getRuntimeMXBean().getUptime() - (now - origin) / 1_000_000;
        out.printf("osgix startup trace (ms)%n%8d  jvm start, to the launcher's first class%n", jvm);
        long previous = origin;
        for (int i = 0; i < labels.size(); i++) {
            out.printf("%8.1f  %s%n", (times.get(i) - previous) / 1e6, labels.get(i));
            previous = times.get(i);
        }
        out.printf("%8.1f  total since the launcher's first class (+ jvm start = %d)%n", (previous - origin) / 1e6,
                jvm + (previous - origin) / 1_000_000);
    }
}
