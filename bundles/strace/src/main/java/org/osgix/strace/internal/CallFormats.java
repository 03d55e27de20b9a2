package org.osgix.strace.internal;

import org.osgix.syscall.GuestFault;

/**
 * Arguments whose shape depends on another argument: futex's operation decides which arguments
 * follow, fcntl's command decides its third argument and how to read the result, prctl's option
 * decides its arguments.
 */
final class CallFormats {
    private static final String[] FUTEX_OPS = {"FUTEX_OP_SET", "FUTEX_OP_ADD", "FUTEX_OP_OR", "FUTEX_OP_ANDN",
        "FUTEX_OP_XOR"};
    private static final String[] FUTEX_CMPS = {"FUTEX_OP_CMP_EQ", "FUTEX_OP_CMP_NE", "FUTEX_OP_CMP_LT",
        "FUTEX_OP_CMP_LE", "FUTEX_OP_CMP_GT", "FUTEX_OP_CMP_GE"};

    private CallFormats() {
    }

    /** futex's operation: FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME. */
    static void futexOperation(StringBuilder out, long op) {
        long cmd = op & ~(Tables.FUTEX_PRIVATE | Tables.FUTEX_CLOCK_REALTIME);
        String name = Tables.FUTEX_COMMANDS.name(cmd);
        if (name == null) {
            Scalars.hex(out, cmd);
        } else {
            out.append(name);
        }
        if ((op & Tables.FUTEX_PRIVATE) != 0) {
            out.append("_PRIVATE");
        }
        if ((op & Tables.FUTEX_CLOCK_REALTIME) != 0) {
            out.append("|FUTEX_CLOCK_REALTIME");
        }
    }

    /** The arguments after futex's operation (it is argument 1; the tail starts at argument 2). */
    static void futexTail(StringBuilder out, TracedCall call) {
        int cmd = call.intArg(1) & 127;
        long val = call.arg(2) & 0xffffffffL;
        long timeout = call.arg(3);
        long uaddr2 = call.arg(4);
        long val3 = call.arg(5) & 0xffffffffL;
        switch (cmd) {
            case 0 -> { // WAIT
                out.append(val).append(", ");
                Structs.at(out, call.memory(), timeout, Structs::timespec);
            }
            case 1, 2 -> out.append(val); // WAKE, FD
            case 3 -> out.append(val).append(", ").append(timeout & 0xffffffffL).append(", ").append(pointer(uaddr2));
            case 4, 12 -> out.append(val).append(", ").append(timeout & 0xffffffffL).append(", ")
                    .append(pointer(uaddr2)).append(", ").append(val3);
            case 5 -> {
                out.append(val).append(", ").append(timeout & 0xffffffffL).append(", ").append(pointer(uaddr2))
                        .append(", ");
                wakeOp(out, val3);
            }
            case 6, 13 -> Structs.at(out, call.memory(), timeout, Structs::timespec); // LOCK_PI
            case 9 -> {
                out.append(val).append(", ");
                Structs.at(out, call.memory(), timeout, Structs::timespec);
                out.append(", ");
                bitset(out, val3);
            }
            case 10 -> {
                out.append(val).append(", ");
                bitset(out, val3);
            }
            case 11 -> {
                out.append(val).append(", ");
                Structs.at(out, call.memory(), timeout, Structs::timespec);
                out.append(", ").append(pointer(uaddr2));
            }
            default -> { } // UNLOCK_PI, TRYLOCK_PI: the address is all
        }
    }

    /** Whether futex's tail prints anything (so no ", " dangles after UNLOCK_PI). */
    static boolean futexHasTail(TracedCall call) {
        int cmd = call.intArg(1) & 127;
        return cmd != 7 && cmd != 8;
    }

    private static void bitset(StringBuilder out, long bits) {
        if (bits == 0xffffffffL) {
            out.append("FUTEX_BITSET_MATCH_ANY");
        } else {
            Scalars.hex(out, bits);
        }
    }

    private static void wakeOp(StringBuilder out, long v) {
        int op = (int) (v >>> 28) & 7;
        boolean shift = ((v >>> 28) & 8) != 0;
        int cmp = (int) (v >>> 24) & 0xf;
        if (shift) {
            out.append("FUTEX_OP_OPARG_SHIFT<<28|");
        }
        out.append(op < FUTEX_OPS.length ? FUTEX_OPS[op] : Integer.toString(op)).append("<<28|")
                .append((v >>> 12) & 0xfff).append("<<12|")
                .append(cmp < FUTEX_CMPS.length ? FUTEX_CMPS[cmp] : Integer.toString(cmp)).append("<<24|");
        Scalars.hex(out, v & 0xfff);
    }

    private static String pointer(long value) {
        return value == 0 ? "NULL" : "0x" + Long.toHexString(value);
    }

    /** Whether fcntl's third argument is shown: the get commands take none. */
    static boolean fcntlHasArgument(TracedCall call) {
        int cmd = call.intArg(1);
        return cmd != Tables.F_GETFD && cmd != Tables.F_GETFL && cmd != Tables.F_GETOWN && cmd != Tables.F_GETSIG
                && cmd != Tables.F_GETLEASE && cmd != Tables.F_GETPIPE_SZ && cmd != Tables.F_GET_SEALS;
    }

    static void fcntlArgument(StringBuilder out, TracedCall call, long value) {
        int cmd = call.intArg(1);
        switch (cmd) {
            case Tables.F_SETFD -> Tables.FD_FLAGS.append(out, value);
            case Tables.F_SETFL -> Scalars.openFlags(out, value & 0xffffffffL);
            case Tables.F_GETLK, Tables.F_SETLK, Tables.F_SETLKW, Tables.F_OFD_GETLK, Tables.F_OFD_SETLK,
                    Tables.F_OFD_SETLKW -> Scalars.pointer(out, value);
            default -> out.append((int) value);
        }
    }

    /** fcntl's result: flags for F_GETFD and F_GETFL ({@code 0x8401 (flags O_WRONLY|O_APPEND)}). */
    static void fcntlResult(StringBuilder out, TracedCall call, long result) {
        int cmd = call.intArg(1);
        if (cmd == Tables.F_GETFD && result != 0) {
            Scalars.hex(out, result);
            out.append(" (flags ");
            Tables.FD_FLAGS.append(out, result);
            out.append(')');
        } else if (cmd == Tables.F_GETFL) {
            Scalars.hex(out, result);
            out.append(" (flags ");
            Scalars.openFlags(out, result);
            out.append(')');
        } else {
            out.append(result);
        }
    }

    /** prctl's arguments after the option (argument 0). */
    static void prctlTail(StringBuilder out, TracedCall call) {
        long option = call.arg(0);
        if (option == 15) { // PR_SET_NAME
            Buffers.cString(out, call.memory(), call.arg(1), 16);
        } else if (option == 16) { // PR_GET_NAME
            Scalars.pointer(out, call.arg(1));
        } else if (option == 1) { // PR_SET_PDEATHSIG
            Signals.appendName(out, call.arg(1));
        } else {
            for (int i = 1; i <= 4; i++) {
                if (i > 1) {
                    out.append(", ");
                }
                out.append(Long.toUnsignedString(call.arg(i)));
            }
        }
    }

    /** Whether prctl prints anything after the option: the get options take no arguments. */
    static boolean prctlHasTail(TracedCall call) {
        long option = call.arg(0);
        return !(option == 2 || option == 3 || option == 7 || option == 21 || option == 30 || option == 39
                || option == 42);
    }

    /** poll's result: {@code 0 (Timeout)} or {@code 2 ([{fd=0, revents=POLLIN}, ...])}. */
    static void pollResult(StringBuilder out, TracedCall call, long result) {
        out.append(result);
        if (result == 0) {
            out.append(" (Timeout)");
        } else if (result > 0) {
            int mark = out.length();
            try {
                out.append(" (");
                Structs.pollResults(out, call.memory(), call.arg(0), call.arg(1));
                out.append(')');
            } catch (GuestFault fault) {
                out.setLength(mark);
            }
        }
    }
}
