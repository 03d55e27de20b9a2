package org.osgix.kernel.internal;

import java.io.PrintStream;

/**
 * Minimal --strace output: one line per syscall to stderr with raw arguments. (A decoding strace
 * plugin replaces it later.)
 */
final class Strace {
    private static final PrintStream OUT = System.err;

    private Strace() {
    }

    static void print(CallFrame f, long result) {
        String name = f.name != null ? f.name : "syscall_" + f.number;
        StringBuilder sb = new StringBuilder(96);
        sb.append('[').append(f.thread().tid()).append("] ").append(name).append('(')
                .append(hex(f.a0)).append(", ").append(hex(f.a1)).append(", ").append(hex(f.a2))
                .append(", ").append(hex(f.a3)).append(", ").append(hex(f.a4)).append(", ").append(hex(f.a5))
                .append(") = ");
        if (result < 0 && result > -4096) {
            sb.append("-1 ").append(ErrnoNames.name((int) -result));
        } else if (result > 0xffff) {
            sb.append(hex(result));
        } else {
            sb.append(result);
        }
        synchronized (OUT) {
            OUT.println(sb);
        }
    }

    private static String hex(long v) {
        return v >= 0 && v < 10 ? Long.toString(v) : "0x" + Long.toHexString(v);
    }
}
