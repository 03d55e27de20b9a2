package org.osgix.strace.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;
import org.osgix.syscall.SyscallInterceptor;

/**
 * {@code --strace}: prints every syscall of a process launched with the "strace" option the way
 * strace does ({@code openat(AT_FDCWD, "/etc/hostname", O_RDONLY|O_CLOEXEC) = 3}), with
 * {@code [pid N]} prefixes while the process has several threads. A process without the option
 * is never attached, so it pays nothing.
 */
@Component
public final class StraceInterceptor implements SyscallInterceptor {
    /** The launch option that turns tracing on ({@code ./osgix --strace}). */
    static final String OPTION = "strace";
    /** The launch option naming a file for the trace instead of stderr ({@code --strace-output=FILE}). */
    static final String OUTPUT_OPTION = "strace-output";

    private final SignatureTable signatures;
    private final TraceOutput output;
    /** Per traced process whose trace goes to a file; others use {@link #output}. */
    private final Map<GuestProcess, TraceOutput> files = new ConcurrentHashMap<>();
    private final ThreadLocal<TraceLine> lines = ThreadLocal.withInitial(TraceLine::new);

    public StraceInterceptor() {
        this(SignatureTable.bundled(), TraceOutput.stderr());
    }

    StraceInterceptor(SignatureTable signatures, TraceOutput output) {
        this.signatures = signatures;
        this.output = output;
    }

    @Override
    public boolean attach(GuestProcess process) {
        if (process.option(OPTION) == null) {
            return false;
        }
        String file = process.option(OUTPUT_OPTION);
        if (file != null) {
            TraceOutput out = TraceOutput.file(file);
            if (out != null) {
                files.put(process, out);
            }
        }
        return true;
    }

    private TraceOutput output(GuestProcess process) {
        TraceOutput out = files.isEmpty() ? null : files.get(process);
        return out != null ? out : output;
    }

    @Override
    public void before(SyscallContext call) {
        String prefix = call.process().threadCount() > 1 ? "[pid " + call.thread().tid() + "] " : "";
        TraceLine line = lines.get();
        try {
            line.enter(signatures.of(call.name()), call, prefix);
        } catch (RuntimeException bug) {
            // a decoder must never break the guest: the line shows the raw arguments instead
            line.enter(signatures.raw(call.name()), call, prefix);
        }
    }

    @Override
    public void after(SyscallContext call, long result) {
        TraceLine trace = lines.get();
        String prefix = trace.prefix();
        CharSequence line;
        try {
            line = trace.exit(result);
        } catch (RuntimeException bug) {
            line = call.name() + "(...) = " + result + " /* strace: " + bug + " */";
        }
        TraceOutput out = output(call.process());
        out.println(prefix, line);
        String name = call.name();
        if ("exit_group".equals(name) || "exit".equals(name)) {
            out.println(prefix, "+++ exited with " + (call.arg0() & 0xff) + " +++");
        }
    }
}
