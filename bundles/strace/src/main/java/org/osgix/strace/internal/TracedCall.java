package org.osgix.strace.internal;

import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/** The call being printed: its arguments, the guest's memory, and (after it) its result. */
final class TracedCall {
    private SyscallContext context;
    private long result;
    private boolean finished;

    void begin(SyscallContext call) {
        this.context = call;
        this.finished = false;
    }

    void finish(long value) {
        this.result = value;
        this.finished = true;
    }

    long arg(int index) {
        return switch (index) {
            case 0 -> context.arg0();
            case 1 -> context.arg1();
            case 2 -> context.arg2();
            case 3 -> context.arg3();
            case 4 -> context.arg4();
            case 5 -> context.arg5();
            default -> throw new IllegalArgumentException("argument " + index);
        };
    }

    GuestMemory memory() {
        return context.memory();
    }

    long result() {
        return result;
    }

    /** True after a call that returned an error ({@code -4095..-1}). */
    boolean failed() {
        return finished && isError(result);
    }

    static boolean isError(long value) {
        return value < 0 && value >= -4095;
    }
}
