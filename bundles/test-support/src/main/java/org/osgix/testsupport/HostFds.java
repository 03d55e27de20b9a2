package org.osgix.testsupport;

import org.osgix.host.Host;

/**
 * Leak checks by counting the host process's fds. The JVM opens and closes fds of its own now and
 * then (class loading, JIT), so a count above the earlier one is re-read for a moment before it
 * fails; a count below it is the JVM closing one of its own (a jar opened when the test began).
 */
public final class HostFds {
    private HostFds() {
    }

    /** Fails (an {@link AssertionError}) when the host holds more fds than {@code before}. */
    public static void assertBackTo(Host host, int before) {
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
        if (now > before) {
            throw new AssertionError("host fds leaked: " + before + " before, " + now + " after");
        }
    }
}
