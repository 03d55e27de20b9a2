package org.osgix.strace.internal;

import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * An argument kind of the signature table: how to print it, whether it is an output (printed
 * after the call, from the memory the call filled in) and whether it is shown at all for this
 * call (open's mode only with O_CREAT, clone's tls only with CLONE_SETTLS). Parameterised kinds
 * ({@code wbuf(2)}) get the parameter, usually the index of a related argument.
 */
record Kind(IntFunction<ArgFormat> format, boolean output, IntFunction<Predicate<TracedCall>> shown) {
    private static final Predicate<TracedCall> ALWAYS = call -> true;

    static Kind input(ArgFormat format) {
        return new Kind(p -> format, false, p -> ALWAYS);
    }

    static Kind input(IntFunction<ArgFormat> format) {
        return new Kind(format, false, p -> ALWAYS);
    }

    static Kind output(ArgFormat format) {
        return new Kind(p -> format, true, p -> ALWAYS);
    }

    static Kind output(IntFunction<ArgFormat> format) {
        return new Kind(format, true, p -> ALWAYS);
    }

    /** Shown only when {@code when} holds (given the kind's parameter). */
    Kind shownWhen(IntFunction<Predicate<TracedCall>> when) {
        return new Kind(format, output, when);
    }
}
