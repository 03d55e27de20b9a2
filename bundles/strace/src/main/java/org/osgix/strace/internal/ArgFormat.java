package org.osgix.strace.internal;

/** How one argument (or a result) is printed. */
@FunctionalInterface
interface ArgFormat {
    /** Appends {@code value} (the argument, or the result) as strace shows it. */
    void append(StringBuilder out, TracedCall call, long value);
}
