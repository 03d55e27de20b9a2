package org.osgix.kernel.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;

/**
 * A process's rlimits, starting from the host process's own (/proc/self/limits; the launcher
 * keeps the JVM from raising its fd limit, so these are the limits the user gave osgix).
 */
final class ResourceLimits {
    /** /proc/self/limits row titles in resource-number order. */
    private static final List<String> TITLES = List.of("Max cpu time", "Max file size", "Max data size",
            "Max stack size", "Max core file size", "Max resident set", "Max processes", "Max open files",
            "Max locked memory", "Max address space", "Max file locks", "Max pending signals",
            "Max msgqueue size", "Max nice priority", "Max realtime priority", "Max realtime timeout");
    /** The kernel's fs.nr_open default: the ceiling for RLIMIT_NOFILE. */
    private static final long NR_OPEN = 1L << 20;

    private final long[] current = new long[GuestProcess.RLIMIT_NLIMITS];
    private final long[] maximum = new long[GuestProcess.RLIMIT_NLIMITS];

    ResourceLimits() {
        Arrays.fill(current, GuestProcess.RLIM_INFINITY);
        Arrays.fill(maximum, GuestProcess.RLIM_INFINITY);
        current[GuestProcess.RLIMIT_NOFILE] = 1024;
        maximum[GuestProcess.RLIMIT_NOFILE] = 4096;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                for (int res = 0; res < TITLES.size(); res++) {
                    if (line.startsWith(TITLES.get(res))) {
                        String[] cols = line.substring(26).trim().split("\\s+");
                        current[res] = parse(cols[0]);
                        maximum[res] = parse(cols[1]);
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // keep the defaults
        }
    }

    private ResourceLimits(long[] current, long[] maximum) {
        System.arraycopy(current, 0, this.current, 0, current.length);
        System.arraycopy(maximum, 0, this.maximum, 0, maximum.length);
    }

    synchronized ResourceLimits copy() {
        return new ResourceLimits(current, maximum);
    }

    /** current and maximum of every resource, interleaved (what a child runtime gets). */
    synchronized long[] toArray() {
        long[] all = new long[2 * current.length];
        for (int i = 0; i < current.length; i++) {
            all[2 * i] = current[i];
            all[2 * i + 1] = maximum[i];
        }
        return all;
    }

    /** Limits from {@link #toArray()}. */
    static ResourceLimits fromArray(long[] all) {
        ResourceLimits limits = new ResourceLimits();
        synchronized (limits) {
            for (int i = 0; i < limits.current.length && 2 * i + 1 < all.length; i++) {
                limits.current[i] = all[2 * i];
                limits.maximum[i] = all[2 * i + 1];
            }
        }
        return limits;
    }

    private static long parse(String v) {
        return v.equals("unlimited") ? GuestProcess.RLIM_INFINITY : Long.parseLong(v);
    }

    synchronized long current(int res) {
        return res >= 0 && res < current.length ? current[res] : GuestProcess.RLIM_INFINITY;
    }

    synchronized long maximum(int res) {
        return res >= 0 && res < maximum.length ? maximum[res] : GuestProcess.RLIM_INFINITY;
    }

    synchronized int set(int res, long cur, long max, boolean privileged) {
        if (res < 0 || res >= current.length || Long.compareUnsigned(cur, max) > 0) {
            return -Errno.EINVAL;
        }
        if (Long.compareUnsigned(max, maximum[res]) > 0 && !privileged) {
            return -Errno.EPERM;
        }
        if (res == GuestProcess.RLIMIT_NOFILE && Long.compareUnsigned(max, NR_OPEN) > 0) {
            return -Errno.EPERM;
        }
        current[res] = cur;
        maximum[res] = max;
        return 0;
    }
}
