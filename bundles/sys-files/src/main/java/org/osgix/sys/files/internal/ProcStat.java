package org.osgix.sys.files.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * /proc/self/stat and /proc/self/statm for the guest: the host's lines (times, faults, priority,
 * start time, process group and session are the runtime's, which are the guest's) with the
 * fields that would describe the JVM replaced: the command name, the thread count, the virtual
 * size and the statm page counts from the guest's mappings, the state R (the reader runs), the
 * obsolete signal bitmaps 0 (status shows the guest's), and every address field (code, stack,
 * data, brk, argv and environment bounds, kernel stack pointers, wchan) 0, as Linux shows them to
 * a reader without ptrace access: the host's are the JVM's. CPU times are the runtime's. The resident
 * counts stay the host's, capped at the guest's size (the guest's own residency is not tracked).
 */
final class ProcStat {
    private static final long PAGE = GuestMemory.PAGE_SIZE;
    /** 1-based field numbers of stat, as proc(5) counts them. */
    private static final int STATE = 3, NUM_THREADS = 20, VSIZE = 23, RSS = 24, START_CODE = 26, WCHAN = 35,
        START_DATA = 45, ENV_END = 51;

    private ProcStat() {
    }

    /** The guest's mappings, summed by kind (bytes), as status and statm count them. */
    record Sizes(long total, long text, long libraries, long data, long stack) {
        static Sizes of(SyscallContext call) {
            String exe = GuestPaths.ofText(call.process().executable());
            long total = 0, text = 0, libraries = 0, data = 0, stack = 0;
            for (AddressSpace.Mapping m : call.memory().mappings()) {
                long size = m.end() - m.start();
                total += size;
                String name = m.name() == null ? null : GuestPaths.ofText(m.name());
                if ("[stack]".equals(name)) {
                    stack += size;
                } else if ((m.prot() & GuestMemory.PROT_EXEC) != 0 && name != null && name.startsWith("/")) {
                    if (name.equals(exe)) {
                        text += size;
                    } else {
                        libraries += size;
                    }
                } else if ((m.prot() & GuestMemory.PROT_WRITE) != 0 && !m.shared()) {
                    data += size;
                }
            }
            return new Sizes(total, text, libraries, data, stack);
        }
    }

    static byte[] stat(SyscallContext call, byte[] comm) {
        String host = hostFile("stat");
        int close = host.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] rest = host.substring(close + 2).trim().split(" ");
        // rest[0] is field 3 (state)
        Sizes sizes = Sizes.of(call);
        set(rest, NUM_THREADS, Integer.toString(call.process().threadCount()));
        set(rest, VSIZE, Long.toString(sizes.total()));
        set(rest, RSS, Long.toString(Math.min(parse(rest, RSS), sizes.total() / PAGE)));
        set(rest, STATE, "R"); // the reader's own process is running, as status says
        for (int field = START_CODE; field <= WCHAN; field++) {
            set(rest, field, "0");
        }
        for (int field = START_DATA; field <= ENV_END; field++) {
            set(rest, field, "0");
        }
        StringBuilder out = new StringBuilder(host.length());
        out.append(call.process().pid()).append(" (").append(new String(comm, StandardCharsets.ISO_8859_1)).append(')');
        for (String field : rest) {
            out.append(' ').append(field);
        }
        return out.append('\n').toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] statm(SyscallContext call) {
        String[] host = hostFile("statm").trim().split(" ");
        Sizes sizes = Sizes.of(call);
        long pages = sizes.total() / PAGE;
        long resident = Math.min(host.length > 1 ? parseLong(host[1]) : 0, pages);
        long shared = Math.min(host.length > 2 ? parseLong(host[2]) : 0, resident);
        String line = pages + " " + resident + " " + shared + " " + sizes.text() / PAGE + " 0 " + (sizes.data() + sizes.stack()) / PAGE
            + " 0\n";
        return line.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void set(String[] rest, int field, String value) {
        if (field - 3 < rest.length) {
            rest[field - 3] = value;
        }
    }

    private static long parse(String[] rest, int field) {
        return field - 3 < rest.length ? parseLong(rest[field - 3]) : 0;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String hostFile(String name) {
        try {
            return Files.readString(Path.of("/proc/self/" + name), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException notLinux) {
            return "";
        }
    }
}
