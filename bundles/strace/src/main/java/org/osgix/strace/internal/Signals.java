package org.osgix.strace.internal;

import static org.osgix.syscall.SignalNumbers.NSIG;
import static org.osgix.syscall.SignalNumbers.SIGRTMIN;

/** Signal names as strace prints them: SIGINT as an argument, INT inside a signal set. */
final class Signals {
    private static final String[] NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
        "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
        "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

    private Signals() {
    }

    /** "INT", "RTMIN", "RT_1"...; null outside 1..64. */
    static String shortName(long signal) {
        if (signal > 0 && signal < NAMES.length) {
            return NAMES[(int) signal];
        }
        if (signal == SIGRTMIN) {
            return "RTMIN";
        }
        if (signal > SIGRTMIN && signal <= NSIG) {
            return "RT_" + (signal - SIGRTMIN);
        }
        return null;
    }

    /** SIGINT, SIGRT_1, or the number. */
    static void appendName(StringBuilder out, long signal) {
        String name = shortName(signal);
        if (name == null) {
            out.append(signal);
        } else {
            out.append("SIG").append(name);
        }
    }

    /**
     * A signal set: {@code [INT TERM]}, or, when more than half the signals are in it, the
     * complement {@code ~[KILL STOP]} (strace's way of keeping full masks short).
     */
    static void appendSet(StringBuilder out, long mask) {
        boolean complement = Long.bitCount(mask) > NSIG / 2;
        long shown = complement ? ~mask : mask;
        if (complement) {
            out.append('~');
        }
        out.append('[');
        boolean first = true;
        for (int sig = 1; sig <= NSIG; sig++) {
            if ((shown & (1L << (sig - 1))) != 0) {
                if (!first) {
                    out.append(' ');
                }
                out.append(shortName(sig));
                first = false;
            }
        }
        out.append(']');
    }
}
