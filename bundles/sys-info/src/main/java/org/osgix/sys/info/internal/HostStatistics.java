package org.osgix.sys.info.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's memory, load and thread figures that sysinfo reports, parsed from
 * {@code /proc/meminfo} and {@code /proc/loadavg}. A missing or unreadable file gives zeros.
 */
record HostStatistics(long totalRam, long freeRam, long sharedRam, long bufferRam, long totalSwap,
        long freeSwap, long[] loads, int threads) {
    /** sysinfo's fixed-point load averages: 1.0 is 1 &lt;&lt; SI_LOAD_SHIFT. */
    static final int SI_LOAD_SHIFT = 16;
    private static final long KIB = 1024;

    static HostStatistics read() {
        return parse(readProc("/proc/meminfo"), readProc("/proc/loadavg"));
    }

    private static String readProc(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }

    static HostStatistics parse(String meminfo, String loadavg) {
        String[] load = loadavg.trim().split("\\s+");
        long[] loads = new long[3];
        for (int i = 0; i < loads.length && i < load.length; i++) {
            loads[i] = Math.round(number(load[i]) * (1 << SI_LOAD_SHIFT));
        }
        int threads = 0;
        if (load.length > 3 && load[3].indexOf('/') > 0) {
            threads = (int) number(load[3].substring(load[3].indexOf('/') + 1));
        }
        return new HostStatistics(kib(meminfo, "MemTotal"), kib(meminfo, "MemFree"), kib(meminfo, "Shmem"),
            kib(meminfo, "Buffers"), kib(meminfo, "SwapTotal"), kib(meminfo, "SwapFree"), loads, threads);
    }

    /** The value of a "Name:   123 kB" line of /proc/meminfo in bytes, or 0. */
    private static long kib(String meminfo, String name) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] fields = line.substring(name.length() + 1).trim().split("\\s+");
                return (long) number(fields[0]) * KIB;
            }
        }
        return 0;
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
