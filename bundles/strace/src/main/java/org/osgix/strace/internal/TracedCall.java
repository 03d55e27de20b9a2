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

    /** Argument {@code index} as the raw register. */
    long arg(int index) {
        return context.arg(index);
    }

    /** An {@code int} argument (the low 32 bits), as the handlers read it. */
    int intArg(int index) {
        return context.intArg(index);
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
