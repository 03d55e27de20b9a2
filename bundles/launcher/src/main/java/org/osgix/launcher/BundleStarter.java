package org.osgix.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Starts a composition's bundles on as many threads as the machine has cores. Declarative
 * Services activates a component on the thread that makes it satisfied: the one starting its
 * bundle, or the one registering the last service it references. So the DS extender starts
 * first, then the host (the service nearly every family references: started later, its
 * registration would activate all of them on one thread), then the rest spread over the cores.
 * Which component activates first changes nothing else: dependencies are DS's business.
 *
 * <p>A bundle that cannot start is reported on stderr and the others go on, as when the
 * framework starts them itself (a family missing only makes its syscalls ENOSYS).
 */
final class BundleStarter {
    static final String EXTENDER = "org.apache.felix.scr", HOST = "org.osgix.host.posix";
    /** Started first, in this order, on the calling thread. */
    static final List<String> FIRST = List.of(EXTENDER, HOST);
    /** Not persistent (the cache is throw-away), and lazy bundles stay lazy. */
    private static final int FLAGS = Bundle.START_TRANSIENT | Bundle.START_ACTIVATION_POLICY;

    private BundleStarter() {
    }

    static void start(List<Bundle> bundles, int threads) {
        ConcurrentLinkedQueue<Bundle> queue = new ConcurrentLinkedQueue<>();
        for (String name : FIRST) {
            for (Bundle b : bundles) {
                if (name.equals(b.getSymbolicName())) {
                    start(b);
                }
            }
        }
        for (Bundle b : bundles) {
            if (!FIRST.contains(b.getSymbolicName())) {
                queue.add(b);
            }
        }
        Runnable worker = () -> {
            for (Bundle b = queue.poll(); b != null; b = queue.poll()) {
                start(b);
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int i = 1; i < Math.min(threads, queue.size()); i++) {
            Thread t = new Thread(worker, "osgix-start-" + i);
            t.start();
            helpers.add(t);
        }
        worker.run();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void start(Bundle b) {
        try {
            b.start(FLAGS);
        } catch (BundleException | RuntimeException e) {
            System.err.println("osgix: cannot start bundle " + b.getSymbolicName() + ": " + e.getMessage());
        }
    }
}
