package org.osgix.sys.files.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.osgix.syscall.SyscallContext;

/**
 * /proc/PID of another guest process: PID is the host pid of that process's runtime, a JVM, so
 * its host entries that show memory, descriptors, threads, the command line, the environment or
 * the executable are the JVM's. Those are refused (EACCES, as Linux refuses a reader without
 * ptrace access); stat, status and comm pass (the runtime gives its host process the guest's
 * command name), cwd is the guest's own working directory.
 */
final class OtherGuests {
    private static final String PROC = "/proc/";
    private static final int MAX_DEPTH = 4096;
    private static final Set<String> REFUSED = Set.of("mem", "pagemap", "map_files", "smaps", "smaps_rollup",
        "numa_maps", "syscall", "stack", "maps", "environ", "auxv", "cmdline", "exe", "fd", "fdinfo", "task",
        "statm");

    private OtherGuests() {
    }

    /** True when {@code path} names an entry of another guest process that the guest may not see. */
    static boolean refused(SyscallContext call, String path) {
        if (!path.startsWith(PROC)) {
            return false;
        }
        int slash = path.indexOf('/', PROC.length());
        if (slash < 0) {
            return false;
        }
        String entry = path.substring(slash + 1);
        int end = entry.indexOf('/');
        if (!REFUSED.contains(end < 0 ? entry : entry.substring(0, end))) {
            return false;
        }
        int pid = number(path.substring(PROC.length(), slash));
        return pid > 0 && pid != call.process().pid() && descendsFromInit(pid, call.process().initPid());
    }

    /** Whether host process {@code pid} is the guest's init or descends from it. */
    private static boolean descendsFromInit(int pid, int init) {
        int p = pid;
        for (int depth = 0; p > 1 && depth < MAX_DEPTH; depth++) {
            if (p == init) {
                return true;
            }
            p = parent(p);
        }
        return false;
    }

    private static int parent(int pid) {
        try {
            String stat = Files.readString(Path.of(PROC + pid + "/stat"), StandardCharsets.ISO_8859_1);
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
            return number(after[1]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }
}
