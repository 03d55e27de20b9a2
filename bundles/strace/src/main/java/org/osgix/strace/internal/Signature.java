package org.osgix.strace.internal;

import java.util.function.Predicate;

/** How one syscall is printed: its arguments in strace's order, and its result. */
record Signature(String name, Arg[] args, ArgFormat result) {
    /** One printed argument: which register argument, an optional {@code label=}, its format. */
    record Arg(int index, String label, ArgFormat format, boolean output, Predicate<TracedCall> shown) {
    }
}
