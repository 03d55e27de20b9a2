package org.osgix.io.internal;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.fdtable.internal.LinuxFdTableFactory;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * A guest for handler tests: the family's registered handlers over the real host layer and the
 * real descriptor table, test memory of a few pages, and a bump allocator in it.
 */
final class Guest implements AutoCloseable {
    static final int PAGES = 64;

    final Host host = new PosixHost();
    final FdTable fds = new LinuxFdTableFactory(host).newTable(1024);
    final TestMemory memory = new TestMemory(host.memory(), PAGES);
    final TestProcess process;
    final TestThread thread;
    final RecordingBundleContext framework = new RecordingBundleContext();
    private final SyscallRegistrations registrations;
    private long next;

    Guest(String executable, BiFunction<SyscallRegistrations, Host, SyscallRegistrations> family) {
        process = new TestProcess(memory, fds, executable);
        thread = new TestThread(host, process);
        process.setMainThread(thread);
        registrations = family.apply(new SyscallRegistrations(framework.context(), "test"), host);
        next = memory.base();
    }

    /** Calls a registered handler as the dispatcher does (GuestFault → -EFAULT). */
    long call(String name, long... args) {
        RecordingBundleContext.Registered service = framework.services.get(name);
        if (service == null) {
            throw new AssertionError("no handler for " + name);
        }
        SyscallHandler handler = service.handler();
        try {
            return handler.handle(new TestCall(name, thread, args));
        } catch (GuestFault fault) {
            return -Errno.EFAULT;
        }
    }

    /** Guest memory for {@code size} bytes (16-byte aligned, zeroed). */
    long alloc(long size) {
        long addr = next;
        next = (next + size + 15) & -16L;
        if (next > memory.end()) {
            throw new IllegalStateException("test memory exhausted");
        }
        memory.fill(addr, size, (byte) 0);
        return addr;
    }

    /** A NUL-terminated string in guest memory. */
    long string(String s) {
        long addr = alloc(s.getBytes(StandardCharsets.UTF_8).length + 1L);
        memory.writeCString(addr, s);
        return addr;
    }

    byte[] bytes(long addr, int len) {
        byte[] out = new byte[len];
        memory.read(addr, out, 0, len);
        return out;
    }

    /** A page-aligned guest page (for protection tests). */
    long page() {
        next = (next + TestMemory.PAGE_SIZE - 1) & -TestMemory.PAGE_SIZE;
        return alloc(TestMemory.PAGE_SIZE);
    }

    /** The description behind a guest fd. */
    OpenFile file(int fd) {
        return fds.get(fd).file();
    }

    /** Installs a host fd in the guest table as the kernel's stdio does (flags from the host). */
    int install(int hostFd, FileKind kind) {
        return fds.open(kind, hostFd, host.fcntl(hostFd, Host.F_GETFL, 0), null, null, false);
    }

    @Override
    public void close() {
        registrations.close();
        fds.closeAll();
        memory.free();
    }
}
