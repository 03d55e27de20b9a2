package org.osgix.sys.time.internal;

import org.osgix.host.Host;

/**
 * Reads host clocks as nanoseconds through a small scratch buffer, for the paths that need the
 * value in Java (absolute and CPU-time sleeps, resolution probing). Not thread-safe: one per use.
 */
final class HostClock implements AutoCloseable {
    /** Returned by {@link #nanos} when the host cannot read the clock. */
    static final long UNAVAILABLE = Long.MIN_VALUE;
    private static final int TIMESPEC_SIZE = 16;

    private final Host host;
    private final long scratch;

    HostClock(Host host) {
        this.host = host;
        this.scratch = host.memory().allocate(TIMESPEC_SIZE);
    }

    /** The clock's current value in nanoseconds (saturated), or {@link #UNAVAILABLE}. */
    long nanos(int hostClockId) {
        if (host.clockGettime(hostClockId, scratch) < 0) {
            return UNAVAILABLE;
        }
        return Timespecs.toNanos(host.memory().getLong(scratch), host.memory().getLong(scratch + 8));
    }

    /** True when the host can read this clock (alarm clocks need an RTC). */
    static boolean available(Host host, int hostClockId) {
        try (HostClock clock = new HostClock(host)) {
            return clock.nanos(hostClockId) != UNAVAILABLE;
        }
    }

    @Override
    public void close() {
        host.memory().free(scratch);
    }
}
