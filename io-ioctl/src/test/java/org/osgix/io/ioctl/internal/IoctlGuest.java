package org.osgix.io.ioctl.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.fd.table.internal.LinuxFdTableFactory;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.ioctl.IoctlRegistrations;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.support.SyscallRegistrations;
import org.osgix.test.support.FakeBundleContext;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.Guest;
import org.osgix.test.support.GuestHeap;
import org.osgix.test.support.PagedMemory;
import org.osgix.test.support.PollingThread;

/**
 * The family's test guest: the family and its built-ins registered through a fake framework
 * (ioctl handlers reach the whiteboard as through the family's reference), over the real host
 * layer and a descriptor table (the real one unless a test wraps it), with a few pages of test
 * memory and a bump allocator in them.
 */
final class IoctlGuest implements AutoCloseable {
    static final int PAGES = 8;

    final Host host;
    final FdTable fds;
    final PagedMemory memory;
    final FakeProcess process;
    final IoctlWhiteboard whiteboard = new IoctlWhiteboard();
    final FakeBundleContext framework = new FakeBundleContext();
    /** One reusable context per calling thread, as the kernel keeps one per guest thread. */
    private final ThreadLocal<FakeCall> calls;
    private final SyscallRegistrations family;
    private final IoctlRegistrations builtins;
    private final GuestHeap heap;

    IoctlGuest() {
        this(new PosixHost(), null, Map.of(), false);
    }

    /**
     * @param table the descriptor table, or null for a fresh real one
     * @param options the process's launch options
     * @param compatEverywhere the family's component property for opath-cloexec-ioctl
     */
    IoctlGuest(Host host, FdTable table, Map<String, String> options, boolean compatEverywhere) {
        framework.setWhiteboard(new FakeBundleContext.Whiteboard() { // as the family's dynamic reference
            @Override
            public void added(Object service, Map<String, Object> properties) {
                whiteboard.add((IoctlHandler) service, properties);
            }

            @Override
            public void modified(Object service, Map<String, Object> properties) {
                whiteboard.modified((IoctlHandler) service, properties);
            }

            @Override
            public void removed(Object service, Map<String, Object> properties) {
                whiteboard.remove((IoctlHandler) service, properties);
            }
        });
        this.host = host;
        this.fds = table != null ? table : newTable(host);
        this.memory = new PagedMemory(host.memory(), PAGES);
        this.process = new FakeProcess(Guest.PID, memory, fds, "/usr/bin/true");
        options.forEach(process::setOption);
        this.calls = ThreadLocal.withInitial(() -> new FakeCall("ioctl", new PollingThread(host, process)));
        this.family = IoctlFamily.register(new SyscallRegistrations(framework.context(), IoctlFamily.FAMILY),
            whiteboard, OpathCloexecCompat.from(compatEverywhere, null));
        this.builtins = BuiltinIoctls.register(new IoctlRegistrations(framework.context()), host);
        this.heap = new GuestHeap(memory);
    }

    static FdTable newTable(Host host) {
        return new LinuxFdTableFactory(host).newTable(1024);
    }

    /** The family's ioctl syscall handler. */
    SyscallHandler ioctlSyscall() {
        return framework.handlers().get("ioctl");
    }

    /** ioctl(fd, request, arg) as the dispatcher calls it (GuestFault → -EFAULT). */
    long ioctl(long fd, long request, long arg) {
        try {
            return ioctlSyscall().handle(calls.get().arguments(fd, request, arg));
        } catch (GuestFault fault) {
            return -Errno.EFAULT;
        }
    }

    /** IoctlGuest memory for {@code size} bytes (16-byte aligned, zeroed). */
    long alloc(long size) {
        return heap.alloc(size);
    }

    /** A guest int holding {@code value}. */
    long intCell(int value) {
        long addr = alloc(4);
        memory.writeInt(addr, value);
        return addr;
    }

    /** An address no guest mapping covers. */
    long unmapped() {
        return 16;
    }

    /** Opens {@code path} on the host (host close-on-exec) and installs it as a guest descriptor. */
    int open(String path, int flags, FileKind kind) {
        int hostFd = host.openat(Host.AT_FDCWD, path, flags | OpenFile.O_CLOEXEC, 0600);
        assertTrue(hostFd >= 0, "host open " + path + ": " + hostFd);
        return fds.open(kind, hostFd, flags & ~OpenFile.O_CLOEXEC, path, null, (flags & OpenFile.O_CLOEXEC) != 0);
    }

    /** A guest pipe: {read, write}. */
    int[] pipe() {
        long pair = host.pipe2(OpenFile.O_CLOEXEC);
        assertTrue(pair >= 0, "pipe2: " + pair);
        return new int[] {
            fds.open(FileKind.PIPE, (int) (pair >>> 32), OpenFile.O_RDONLY, "pipe", null, false),
            fds.open(FileKind.PIPE, (int) pair, OpenFile.O_WRONLY, "pipe", null, false)};
    }

    OpenFile file(int fd) {
        return fds.get(fd).file();
    }

    boolean cloexec(int fd) {
        return fds.get(fd).cloexec();
    }

    @Override
    public void close() {
        builtins.close();
        family.close();
        fds.closeAll();
        memory.close();
    }
}
