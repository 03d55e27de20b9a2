package org.osgix.strace.internal;

import java.util.HashMap;
import java.util.Map;

/** Names for the values of an enumerated argument (a command, a clock, a resource...). */
final class ValueTable {
    private final Map<Long, String> names = new HashMap<>();
    private final String unknownComment;

    private ValueTable(String unknownComment, Object... pairs) {
        this.unknownComment = unknownComment;
        for (int i = 0; i < pairs.length; i += 2) {
            names.put(((Number) pairs[i + 1]).longValue(), (String) pairs[i]);
        }
    }

    /** Unknown values print in decimal. */
    static ValueTable of(Object... pairs) {
        return new ValueTable(null, pairs);
    }

    /** Unknown values print as strace does: {@code 0x3 /* SIG_??? *}{@code /}. */
    static ValueTable withUnknown(String comment, Object... pairs) {
        return new ValueTable(comment, pairs);
    }

    String name(long value) {
        return names.get(value);
    }

    void append(StringBuilder out, long value) {
        String name = names.get(value);
        if (name != null) {
            out.append(name);
        } else if (unknownComment != null) {
            out.append("0x").append(Long.toHexString(value)).append(" /* ").append(unknownComment).append(" */");
        } else {
            out.append(value);
        }
    }
}
