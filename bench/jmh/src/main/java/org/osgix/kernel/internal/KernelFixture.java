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

    /** A single-threaded process over a stub machine, whose one thread is loaded on the CPU. */
    static GuestProcessImpl process(Host host, Dispatcher dispatcher) {
        GuestProcessImpl process = new GuestProcessImpl(StubMachine.ENGINE, host, dispatcher,
            new LinuxFdTableFactory(host).newTable(1024), new ResourceLimits(), Map.of());
        Cpu cpu = process.cpu();
        GuestThreadImpl thread = new GuestThreadImpl(host.getpid(), process, cpu.machine().newContext(), host);
        cpu.acquire(thread); // loads the thread: the trap finds it as the CPU's current thread
        cpu.release();
        return process;
    }

    /** The frame the trap of {@code process}'s loaded thread fills. */
    static CallFrame frame(GuestProcessImpl process) {
        return process.cpu().loaded().frame();
    }

    /** An empty address space over a stub machine. */
    static AddressSpaceImpl addressSpace(Host host) {
        return new AddressSpaceImpl(host, new Cpu(new StubMachine()));
    }

    static void release(GuestProcessImpl process) {
        process.abandon();
    }
}
