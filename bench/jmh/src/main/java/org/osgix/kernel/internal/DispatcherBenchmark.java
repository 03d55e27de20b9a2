package org.osgix.kernel.internal;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.osgix.arch.SyscallTable;
import org.osgix.arch.x86_64.internal.X86_64SyscallTable;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.SyscallHandler;

/**
 * The kernel's syscall dispatch without the CPU engine. {@code Dispatcher} is package-private, so
 * this class sits in the kernel's package name; on the plain class path (no OSGi) that is
 * allowed. It uses the real x86_64 table, a real process object over a stub machine, and
 * trivial handlers, so the numbers are the kernel's own overhead per syscall.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DispatcherBenchmark {
    /** Names served by distinct handler classes: a real dispatcher call site sees many. */
    private static final String[] NAMES = {
        "getppid", "getpid", "gettid", "getuid", "geteuid", "getgid", "getegid", "umask" };

    private SyscallTable table;
    private Dispatcher dispatcher;
    private GuestThreadImpl thread;
    private CallFrame frame;
    private int getppid;
    private int unregistered;
    private final int[] rotation = new int[NAMES.length];
    private int next;

    @Setup(Level.Trial)
    public void start() {
        table = new X86_64SyscallTable();
        dispatcher = new Dispatcher(table);
        SyscallHandler[] handlers = { c -> 1, c -> 2, c -> 3, c -> 4, c -> 5, c -> 6, c -> 7, c -> c.arg0() };
        for (int i = 0; i < NAMES.length; i++) {
            KernelFixture.register(dispatcher, handlers[i], NAMES[i], i);
            rotation[i] = table.number(NAMES[i]);
        }
        getppid = table.number("getppid");
        unregistered = table.number("acct"); // a real name no handler serves here
        thread = KernelFixture.thread(new PosixHost(), dispatcher);
        frame = KernelFixture.frame(thread);
    }

    @TearDown(Level.Trial)
    public void stop() {
        KernelFixture.release(thread);
    }

    /** number → handler → result, one registered name. */
    @Benchmark
    public long dispatch() {
        frame.set(getppid, 0, 0, 0, 0, 0, 0);
        return dispatcher.dispatch(frame);
    }

    /** The same over 8 names with 8 handler classes (a megamorphic handler call). */
    @Benchmark
    public long dispatchRotating() {
        frame.set(rotation[next++ & (NAMES.length - 1)], 0, 0, 0, 0, 0, 0);
        return dispatcher.dispatch(frame);
    }

    /** A number without a handler: ENOSYS. */
    @Benchmark
    public long dispatchUnregistered() {
        frame.set(unregistered, 0, 0, 0, 0, 0, 0);
        return dispatcher.dispatch(frame);
    }

    /** The engine's trap entry of a single-threaded process: what runs after the JNA callback. */
    @Benchmark
    public long trap() {
        return thread.onSyscall(getppid, 0, 0, 0, 0, 0, 0);
    }

    /** Name → number (done when a handler registers, not per call). */
    @Benchmark
    public int nameToNumber() {
        return table.number(NAMES[next++ & (NAMES.length - 1)]);
    }
}
