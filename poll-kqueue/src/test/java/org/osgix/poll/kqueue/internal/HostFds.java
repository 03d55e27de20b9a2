package org.osgix.poll.kqueue.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.osgix.host.Host;

/**
 * Leak checks by counting the host process's fds. The JVM opens and closes fds of its own now and
 * then (class loading, JIT), so a count above the earlier one is re-read for a moment before it
 * fails; a count below it is the JVM closing one of its own (a jar opened when the test began).
 */
final class HostFds {
    private HostFds() {
    }

    static void assertBackTo(Host host, int before) {
        int now = host.openFdCount();
        for (int attempt = 0; attempt < 50 && now > before; attempt++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = host.openFdCount();
        }
        assertTrue(now <= before, "host fds leaked: " + before + " before, " + now + " after");
    }
}
