package org.osgix.io.ioctl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.ioctl.IoctlRequests.FIOCLEX;
import static org.osgix.ioctl.IoctlRequests.FIONBIO;
import static org.osgix.ioctl.IoctlRequests.FIONCLEX;
import static org.osgix.ioctl.IoctlRequests.FIONREAD;
import static org.osgix.ioctl.IoctlRequests.TCGETS;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.ioctl.IoctlRegistrations;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.SyscallHandler;

/** The ioctl syscall itself: descriptor checks, O_PATH, the compat setting, pins, cost. */
class DispatchTest {
    private static final long MY_REQUEST = 0xC0DEL;

    private IoctlGuest guest = new IoctlGuest();

    @AfterEach
    void stop() {
        guest.close();
    }

    @Test
    void aFreeSlotIsEbadfBeforeTheRequestOrPointerIsLookedAt() {
        assertEquals(-Errno.EBADF, guest.ioctl(77, FIONBIO, guest.unmapped()));
        assertEquals(-Errno.EBADF, guest.ioctl(-1, 0x1234, 0));
        assertEquals(-Errno.EBADF, guest.ioctl(1 << 30, TCGETS, guest.unmapped()));
    }

    @Test
    void anUnknownRequestIsEnotty() {
        int[] pipe = guest.pipe();
        assertEquals(-Errno.ENOTTY, guest.ioctl(pipe[0], 0x1234, guest.alloc(64)));
        assertEquals(-Errno.ENOTTY, guest.ioctl(pipe[0], 0x80047801L, guest.unmapped()));
    }

    @Test
    void theUpperHalvesOfFdAndRequestAreIgnoredAsByLinux() {
        int dir = guest.open("/", OpenFile.O_RDONLY | OpenFile.O_DIRECTORY, FileKind.DIRECTORY);
        assertEquals(0, guest.ioctl(0x7_0000_0000L | dir, 0x1_0000_0000L | FIOCLEX, 0));
        assertTrue(guest.cloexec(dir));
        // musl passes a request such as TIOCGPTN as a sign-extended int
        assertEquals(0, guest.ioctl(dir, (int) FIONCLEX | 0xffff_ffff_0000_0000L, 0));
        assertFalse(guest.cloexec(dir));
    }

    @Test
    void onOpathDescriptorsEveryRequestIsEbadfByDefault() {
        int path = guest.open("/", OpenFile.O_PATH, FileKind.PATH);
        long cell = guest.intCell(1);
        for (long request : new long[] {FIOCLEX, FIONCLEX, FIONBIO, FIONREAD, TCGETS, 0x1234}) {
            assertEquals(-Errno.EBADF, guest.ioctl(path, request, cell), Long.toHexString(request));
        }
        assertFalse(guest.cloexec(path));
        assertEquals(0, guest.file(path).statusFlags() & OpenFile.O_NONBLOCK);
    }

    @Test
    void theCompatLaunchOptionHonoursOnlyTheCloexecRequestsOnOpath() {
        guest.close();
        guest = new IoctlGuest(new PosixHost(), null, Map.of("compat", "something-else, opath-cloexec-ioctl"), false);
        int path = guest.open("/", OpenFile.O_PATH, FileKind.PATH);
        assertEquals(0, guest.ioctl(path, FIOCLEX, 0));
        assertTrue(guest.cloexec(path));
        assertEquals(0, guest.ioctl(path, FIONCLEX, 0));
        assertFalse(guest.cloexec(path));
        assertEquals(-Errno.EBADF, guest.ioctl(path, FIONBIO, guest.intCell(1)));
        assertEquals(-Errno.EBADF, guest.ioctl(path, FIONREAD, guest.alloc(4)));
    }

    @Test
    void anotherCompatListLeavesLinuxBehaviour() {
        guest.close();
        guest = new IoctlGuest(new PosixHost(), null, Map.of("compat", "opath-cloexec-ioctls"), false);
        int path = guest.open("/", OpenFile.O_PATH, FileKind.PATH);
        assertEquals(-Errno.EBADF, guest.ioctl(path, FIOCLEX, 0));
    }

    @Test
    void theComponentPropertyEnablesCompatForEveryProcess() {
        guest.close();
        guest = new IoctlGuest(new PosixHost(), null, Map.of(), true);
        int path = guest.open("/", OpenFile.O_PATH, FileKind.PATH);
        assertEquals(0, guest.ioctl(path, FIOCLEX, 0));
        assertTrue(guest.cloexec(path));
    }

    @Test
    void theFrameworkPropertyOverridesTheComponentProperty() {
        assertFalse(OpathCloexecCompat.from(Boolean.FALSE, null).everyProcess());
        assertTrue(OpathCloexecCompat.from(Boolean.TRUE, null).everyProcess());
        assertTrue(OpathCloexecCompat.from(Boolean.FALSE, "true").everyProcess());
        assertFalse(OpathCloexecCompat.from(Boolean.TRUE, "false").everyProcess());
    }

    @Test
    void theDescriptionStaysPinnedWhileTheHandlerRunsAndIsReleasedAfter() {
        Host host = guest.host;
        IoctlRegistrations mine = new IoctlRegistrations(guest.framework.context()).add("CLOSE_MYSELF",
            (call, descriptor, request, arg) -> {
                OpenFile file = descriptor.file();
                call.fds().close(descriptor.fd());
                // the slot is gone, but the pin keeps the description and its host fd open
                return file.isOpen() && host.fcntl(file.hostFd(), Host.F_GETFD, 0) >= 0 ? 1 : 0;
            }, MY_REQUEST);
        int[] pipe = guest.pipe();
        OpenFile file = guest.file(pipe[0]);
        assertEquals(1, guest.ioctl(pipe[0], MY_REQUEST, 0));
        assertFalse(file.isOpen(), "the family unpinned the description");
        mine.close();
    }

    @Test
    void aFaultInAHandlerBecomesEfaultAndStillUnpins() {
        IoctlRegistrations mine = new IoctlRegistrations(guest.framework.context()).add("FAULT",
            (call, descriptor, request, arg) -> {
                throw new GuestFault(arg);
            }, MY_REQUEST);
        int[] pipe = guest.pipe();
        OpenFile file = guest.file(pipe[0]);
        assertEquals(-Errno.EFAULT, guest.ioctl(pipe[0], MY_REQUEST, 16));
        guest.fds.close(pipe[0]);
        assertFalse(file.isOpen(), "no pin was left behind");
        mine.close();
    }

    @Test
    void theSyscallIsRegisteredForTheFamily() {
        var props = guest.framework.services().get("ioctl");
        assertEquals("io-ioctl", props.get(SyscallHandler.FAMILY));
        assertEquals(SyscallHandler.SUPPORT_PARTIAL, props.get(SyscallHandler.SUPPORT));
    }

    @Test
    void dispatchingAllocatesNothing() {
        IoctlRegistrations mine = new IoctlRegistrations(guest.framework.context())
            .add("NOTHING", (call, descriptor, request, arg) -> 5, MY_REQUEST);
        int[] pipe = guest.pipe();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long sum = 0;
        for (int i = 0; i < 20_000; i++) { // warm up (class loading, thread-local contexts)
            sum += guest.ioctl(pipe[0], MY_REQUEST, 0) + guest.ioctl(pipe[0], 0x1234, 0);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            sum += guest.ioctl(pipe[0], MY_REQUEST, 0) + guest.ioctl(pipe[0], 0x1234, 0);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(120_000L * (5 - Errno.ENOTTY), sum);
        assertTrue(allocated < 4096, "200000 dispatches allocated " + allocated + " bytes");
        mine.close();
    }
}
