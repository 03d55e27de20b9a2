package org.osgix.kernel.internal;

import java.util.Map;
import org.osgix.fd.table.internal.LinuxFdTableFactory;
import org.osgix.host.Host;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.support.Ranked;

/**
 * The one place where the benchmarks construct kernel internals (package-private constructors
 * that change with the kernel): when the kernel changes them, this class is what needs editing.
 */
final class KernelFixture {
    private KernelFixture() {
    }

    /** Registers {@code handler} for {@code name} as a family service would. */
    static void register(Dispatcher dispatcher, SyscallHandler handler, String name, long serviceId) {
        dispatcher.add(new Ranked<>(new Dispatcher.Registration(handler, name, "bench", "bench", "full", null, false),
            0, serviceId));
    }

    /** The main thread of a single-threaded process over a stub machine (its trap handler). */
    static GuestThreadImpl thread(Host host, Dispatcher dispatcher) {
        GuestProcessImpl process = new GuestProcessImpl(StubMachine.ENGINE, host, dispatcher,
            new LinuxFdTableFactory(host).newTable(1024), new ResourceLimits(), Map.of());
        return new GuestThreadImpl(host.getpid(), process, process.machine(), host);
    }

    /** The frame the trap of {@code thread} fills. */
    static CallFrame frame(GuestThreadImpl thread) {
        return thread.frame();
    }

    /** An empty address space over a stub machine. */
    static AddressSpaceImpl addressSpace(Host host) {
        return new AddressSpaceImpl(host, new StubMachine());
    }

    static void release(GuestThreadImpl thread) {
        ((GuestProcessImpl) thread.process()).abandon();
    }
}
