package org.osgix.strace.internal;

/**
 * Names for the bits of a flags argument, in the order strace prints them. An entry may cover
 * several bits (O_SYNC is __O_SYNC|O_DSYNC): it matches when all of them are set, and an earlier
 * entry consumes its bits. Bits no entry names are printed in hex at the end.
 */
final class FlagTable {
    private final String[] names;
    private final long[] values;
    private final String zero;

    private FlagTable(String zero, Object... pairs) {
        this.zero = zero;
        this.names = new String[pairs.length / 2];
        this.values = new long[pairs.length / 2];
        for (int i = 0; i < names.length; i++) {
            names[i] = (String) pairs[2 * i];
            values[i] = ((Number) pairs[2 * i + 1]).longValue();
        }
    }

    /** A table from name/value pairs; a value of 0 prints as {@code zero}. */
    static FlagTable of(String zero, Object... pairs) {
        return new FlagTable(zero, pairs);
    }

    /** Appends the names of the bits of {@code value} joined by '|', or the zero name. */
    void append(StringBuilder out, long value) {
        if (!appendSet(out, value, false)) {
            out.append(zero);
        }
    }

    /**
     * Appends the named bits of {@code value} (and unknown bits in hex), each preceded by '|' when
     * {@code afterOther}; returns whether anything was appended.
     */
    boolean appendSet(StringBuilder out, long value, boolean afterOther) {
        long rest = value;
        boolean wrote = false;
        for (int i = 0; i < names.length; i++) {
            long v = values[i];
            if (v != 0 && (rest & v) == v) {
                separator(out, afterOther || wrote);
                out.append(names[i]);
                wrote = true;
                rest &= ~v;
            }
        }
        if (rest != 0) {
            separator(out, afterOther || wrote);
            out.append("0x").append(Long.toHexString(rest));
            wrote = true;
        }
        return wrote;
    }

    private static void separator(StringBuilder out, boolean needed) {
        if (needed) {
            out.append('|');
        }
    }
}
