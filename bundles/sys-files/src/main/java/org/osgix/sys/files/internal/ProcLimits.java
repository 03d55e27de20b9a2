package org.osgix.sys.files.internal;

import java.nio.charset.StandardCharsets;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;

/** /proc/self/limits from the guest's resource limits (the host's are the JVM's), in Linux's layout. */
final class ProcLimits {
    /** Row names and units in resource-number order, as Linux prints them. */
    private static final String[][] ROWS = {
        {"Max cpu time", "seconds"}, {"Max file size", "bytes"}, {"Max data size", "bytes"},
        {"Max stack size", "bytes"}, {"Max core file size", "bytes"}, {"Max resident set", "bytes"},
        {"Max processes", "processes"}, {"Max open files", "files"}, {"Max locked memory", "bytes"},
        {"Max address space", "bytes"}, {"Max file locks", "locks"}, {"Max pending signals", "signals"},
        {"Max msgqueue size", "bytes"}, {"Max nice priority", ""}, {"Max realtime priority", ""},
        {"Max realtime timeout", "us"}};

    private ProcLimits() {
    }

    static byte[] limits(SyscallContext call) {
        GuestProcess process = call.process();
        StringBuilder out = new StringBuilder(1400);
        out.append(String.format("%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units"));
        for (int res = 0; res < ROWS.length && res < GuestProcess.RLIMIT_NLIMITS; res++) {
            out.append(String.format("%-25s %-20s %-20s ", ROWS[res][0], value(process.rlimitCurrent(res)),
                value(process.rlimitMaximum(res))));
            // Linux pads the units column only when there is a unit
            out.append(ROWS[res][1].isEmpty() ? "\n" : String.format("%-10s\n", ROWS[res][1]));
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String value(long limit) {
        return limit == GuestProcess.RLIM_INFINITY ? "unlimited" : Long.toUnsignedString(limit);
    }
}
