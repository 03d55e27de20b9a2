package org.osgix.strace.internal;

import org.osgix.syscall.SyscallContext;

/**
 * One guest thread's line in progress: the inputs are printed when the call enters (the memory
 * still holds what the guest passed), the outputs and the result when it returns.
 */
final class TraceLine {
    /** strace aligns " = result" at this column. */
    static final int RESULT_COLUMN = 40;

    private final StringBuilder text = new StringBuilder(256);
    private final TracedCall call = new TracedCall();
    private Signature signature;
    private String prefix = "";
    private int nextArg;
    private boolean argPrinted;

    /**
     * Starts the line: the name and every argument up to the first output. {@code prefix} is
     * {@code "[pid N] "} when the process has several threads as the call enters, as with strace -f.
     */
    void enter(Signature s, SyscallContext context, String prefix) {
        this.prefix = prefix;
        signature = s;
        call.begin(context);
        text.setLength(0);
        text.append(s.name()).append('(');
        nextArg = 0;
        argPrinted = false;
        Signature.Arg[] args = s.args();
        while (nextArg < args.length && !args[nextArg].output()) {
            appendArg(args[nextArg++]);
        }
    }

    /** Completes the line with the remaining arguments and the result; returns it (no newline). */
    CharSequence exit(long result) {
        call.finish(result);
        Signature.Arg[] args = signature.args();
        while (nextArg < args.length) {
            appendArg(args[nextArg++]);
        }
        text.append(')');
        do {
            text.append(' ');
        } while (prefix.length() + text.length() < RESULT_COLUMN);
        text.append("= ");
        appendResult(result);
        return text;
    }

    String prefix() {
        return prefix;
    }

    private void appendArg(Signature.Arg arg) {
        if (!arg.shown().test(call)) {
            return;
        }
        if (argPrinted) {
            text.append(", ");
        }
        argPrinted = true;
        if (arg.label() != null) {
            text.append(arg.label()).append('=');
        }
        long value = call.arg(arg.index());
        if (arg.output() && call.failed()) {
            Scalars.pointer(text, value); // nothing was filled in: the address is all there is
        } else {
            arg.format().append(text, call, value);
        }
    }

    private void appendResult(long result) {
        if (signature.result() == null) {
            text.append('?');
        } else if (result <= -512 && result >= -516) {
            text.append("? ");
            Errnos.append(text, (int) -result);
        } else if (TracedCall.isError(result)) {
            text.append("-1 ");
            Errnos.append(text, (int) -result);
        } else {
            signature.result().append(text, call, result);
        }
    }
}
