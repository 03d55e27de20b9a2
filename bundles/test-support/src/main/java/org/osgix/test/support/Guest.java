package org.osgix.test.support;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * A guest for a family's handler tests: its registered handlers over a host layer and a
 * descriptor table (the caller's, usually the real ones), paged test memory, and a bump
 * allocator in that memory. Closing it unregisters the family, closes every fd and frees memory.
 */
public final class Guest implements AutoCloseable {
    /** The pid of every such guest's process. */
    public static final int PID = 4242;

    public final Host host;
    public final FdTable fds;
    public final PagedMemory memory;
    public final FakeProcess process;
    public final PollingThread thread;
    public final FakeBundleContext framework = new FakeBundleContext();
    private final SyscallRegistrations registrations;
    private final GuestHeap heap;

    /** A process running {@code executable} with {@code pages} pages of memory and {@code family} registered. */
    public Guest(Host host, FdTable fds, int pages, String executable,
            BiFunction<SyscallRegistrations, Host, SyscallRegistrations> family) {
        this.host = host;
        this.fds = fds;
        this.memory = new PagedMemory(host.memory(), pages);
        this.process = new FakeProcess(PID, memory, fds, executable);
        this.thread = new PollingThread(host, process);
        process.attach(thread);
        registrations = family.apply(new SyscallRegistrations(framework.context(), "test"), host);
        heap = new GuestHeap(memory);
    }

    /** Calls a registered handler as the dispatcher does (GuestFault → -EFAULT). */
    public long call(String name, long... args) {
        return call(thread, name, args);
    }

    /** The same, made by {@code caller} (another thread of the process). */
    public long call(GuestThread caller, String name, long... args) {
        SyscallHandler handler = framework.services().containsKey(name) ? framework.handlers().get(name) : null;
        if (handler == null) {
            throw new AssertionError("no handler for " + name);
        }
        return new FakeCall(name, caller).invoke(handler, args);
    }

    /** Guest memory for {@code size} bytes (16-byte aligned, zeroed). */
    public long alloc(long size) {
        return heap.alloc(size);
    }

    /** A NUL-terminated string in guest memory. */
    public long string(String s) {
        long addr = alloc(s.getBytes(StandardCharsets.UTF_8).length + 1L);
        memory.writeCString(addr, s);
        return addr;
    }

    /** {@code len} bytes of guest memory from {@code addr}. */
    public byte[] bytes(long addr, int len) {
        byte[] out = new byte[len];
        memory.read(addr, out, 0, len);
        return out;
    }

    /** A page-aligned guest page (for protection tests). */
    public long page() {
        return heap.page();
    }

    /** The description behind a guest fd. */
    public OpenFile file(int fd) {
        return fds.get(fd).file();
    }

    /** Installs a host fd in the guest table as the kernel's stdio does (flags from the host). */
    public int install(int hostFd, FileKind kind) {
        return fds.open(kind, hostFd, host.fcntl(hostFd, Host.F_GETFL, 0), null, null, false);
    }

    @Override
    public void close() {
        registrations.close();
        fds.closeAll();
        memory.close();
    }
}
