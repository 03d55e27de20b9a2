package org.osgix.sys.time.internal;

import org.osgix.host.Host;

/**
 * The resolution clock_getres reports. High-resolution clocks tick in nanoseconds; coarse and
 * tick-based CPU clocks advance once per scheduler tick (1/HZ), which the host API does not
 * expose, so it is measured once from the host's coarse clock and snapped to the tick lengths
 * Linux kernels are configured with.
 */
final class ClockResolution {
    static final long HIGH_RESOLUTION = 1;
    /** Linux TICK_NSEC for HZ = 1000, 300, 250 and 100. */
    private static final long[] KERNEL_TICKS = {1_000_000, 3_333_333, 4_000_000, 10_000_000};
    private static final long DEFAULT_TICK = 4_000_000;
    private static final long PROBE_LIMIT_NANOS = 200_000_000;
    private static final int STEPS_OBSERVED = 3;

    private final Host host;
    private volatile long tick;

    ClockResolution(Host host) {
        this.host = host;
    }

    /** The resolution of clock {@code hostClockId} in nanoseconds. */
    long of(int hostClockId) {
        return ClockIds.isTickBased(hostClockId) ? tickNanos() : HIGH_RESOLUTION;
    }

    long tickNanos() {
        long t = tick;
        if (t == 0) {
            t = snap(measureCoarseStep());
            tick = t;
        }
        return t;
    }

    /** The smallest step of the host's coarse clock seen, or 0 if it could not be observed. */
    private long measureCoarseStep() {
        long giveUp = System.nanoTime() + PROBE_LIMIT_NANOS;
        try (HostClock clock = new HostClock(host)) {
            long previous = clock.nanos(ClockIds.MONOTONIC_COARSE);
            if (previous == HostClock.UNAVAILABLE) {
                return 0;
            }
            long smallest = Long.MAX_VALUE;
            int steps = -1; // the first change only aligns us with a tick boundary
            while (steps < STEPS_OBSERVED && System.nanoTime() < giveUp) {
                long now = clock.nanos(ClockIds.MONOTONIC_COARSE);
                if (now != previous) {
                    if (steps >= 0) {
                        smallest = Math.min(smallest, now - previous);
                    }
                    steps++;
                    previous = now;
                }
                Thread.onSpinWait();
            }
            return smallest == Long.MAX_VALUE ? 0 : smallest;
        }
    }

    static long snap(long observed) {
        if (observed <= 0) {
            return DEFAULT_TICK;
        }
        long best = KERNEL_TICKS[0];
        for (long candidate : KERNEL_TICKS) {
            if (Math.abs(candidate - observed) < Math.abs(best - observed)) {
                best = candidate;
            }
        }
        return best;
    }
}
