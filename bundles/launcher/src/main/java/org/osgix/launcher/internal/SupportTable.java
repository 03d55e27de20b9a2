package org.osgix.launcher.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgix.syscall.SyscallSupport;

/**
 * The support table as text, in the spirit of gVisor's compatibility table: one line per syscall
 * of the architecture (number, name, support level, the bundle serving it or ENOSYS, the note)
 * and a summary line with the count per level.
 */
public final class SupportTable {
    static final String ENOSYS = "enosys";

    private SupportTable() {
    }

    public static String format(List<? extends SyscallSupport.Row> rows) {
        int nameWidth = "SYSCALL".length();
        int bundleWidth = "SERVED BY".length();
        for (SyscallSupport.Row r : rows) {
            nameWidth = Math.max(nameWidth, r.name().length());
            bundleWidth = Math.max(bundleWidth, servedBy(r).length());
        }
        String line = "%-4s %-" + nameWidth + "s %-7s %-" + bundleWidth + "s %s";
        StringBuilder out = new StringBuilder();
        out.append(String.format(line, "NR", "SYSCALL", "SUPPORT", "SERVED BY", "NOTE").stripTrailing()).append('\n');
        for (SyscallSupport.Row r : rows) {
            String note = r.note() == null ? "" : r.note();
            out.append(String.format(line, r.number(), r.name(), r.support(), servedBy(r), note).stripTrailing())
                    .append('\n');
        }
        out.append(summary(rows)).append('\n');
        return out.toString();
    }

    /** "373 syscalls: 150 full, 20 partial, 203 enosys" (levels in that order, others after). */
    static String summary(List<? extends SyscallSupport.Row> rows) {
        Map<String, Integer> counts = new TreeMap<>((a, b) -> Integer.compare(rank(a), rank(b)) != 0
                ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
        counts.put("full", 0);
        counts.put("partial", 0);
        counts.put(ENOSYS, 0);
        for (SyscallSupport.Row r : rows) {
            counts.merge(r.support(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder().append(rows.size()).append(" syscalls: ");
        String sep = "";
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            sb.append(sep).append(e.getValue()).append(' ').append(e.getKey());
            sep = ", ";
        }
        return sb.toString();
    }

    private static int rank(String level) {
        return switch (level) {
            case "full" -> 0;
            case "partial" -> 1;
            case ENOSYS -> 2;
            default -> 3;
        };
    }

    private static String servedBy(SyscallSupport.Row r) {
        return r.bundle() == null ? "ENOSYS" : r.bundle();
    }
}
