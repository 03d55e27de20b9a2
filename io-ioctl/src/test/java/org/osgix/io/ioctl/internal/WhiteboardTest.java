package org.osgix.io.ioctl.internal;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.ioctl.IoctlRegistrations;
import org.osgix.ioctl.IoctlRequests;
import org.osgix.syscall.Errno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.ioctl.IoctlRequests.FIONBIO;
import static org.osgix.ioctl.IoctlRequests.FIONREAD;

/** Third-party handlers: new request codes, overrides by ranking and kind, service changes. */
class WhiteboardTest {
    /** A request of a made-up device: _IOR('m', 1, int). */
    private static final long MYDEV_GET = IoctlRequests.encode(IoctlRequests.IOC_READ, 'm', 1, 4);

    private final IoctlGuest guest = new IoctlGuest();

    @AfterEach
    void stop() {
        guest.close();
    }

    private IoctlRegistrations thirdParty(int ranking) {
        return new IoctlRegistrations(guest.framework.context(), ranking);
    }

    private int regularFile() {
        return guest.open("/proc/self/exe", OpenFile.O_RDONLY, FileKind.REGULAR);
    }

    @Test
    void aThirdPartyHandlerServesANewRequestThroughTheFamily() {
        int[] pipe = guest.pipe();
        long cell = guest.alloc(4);
        assertEquals(-Errno.ENOTTY, guest.ioctl(pipe[0], MYDEV_GET, cell));
        IoctlRegistrations mine = thirdParty(0).add("MYDEV_GET", (call, descriptor, request, arg) -> {
            call.memory().writeInt(arg, descriptor.fd() * 100);
            return request == MYDEV_GET ? 7 : -Errno.EINVAL;
        }, MYDEV_GET);
        assertEquals(0x80046d01L, MYDEV_GET);
        assertEquals(7, guest.ioctl(pipe[0], MYDEV_GET, cell));
        assertEquals(pipe[0] * 100, guest.memory.readInt(cell));
        assertEquals(-Errno.EFAULT, guest.ioctl(pipe[0], MYDEV_GET, guest.unmapped()));
        mine.close();
        assertEquals(-Errno.ENOTTY, guest.ioctl(pipe[0], MYDEV_GET, cell));
    }

    @Test
    void aHigherRankingOverridesABuiltinUntilItLeaves() {
        int[] pipe = guest.pipe();
        long cell = guest.alloc(4);
        assertEquals(0, guest.ioctl(pipe[0], FIONREAD, cell));
        assertEquals(0, guest.memory.readInt(cell));
        IoctlRegistrations override = thirdParty(10).add("FIONREAD", (call, descriptor, request, arg) -> {
            call.memory().writeInt(arg, 4242);
            return 0;
        }, FIONREAD);
        assertEquals(0, guest.ioctl(pipe[0], FIONREAD, cell));
        assertEquals(4242, guest.memory.readInt(cell));
        override.close();
        assertEquals(0, guest.ioctl(pipe[0], FIONREAD, cell));
        assertEquals(0, guest.memory.readInt(cell), "the built-in serves again");
    }

    @Test
    void atEqualRankingTheEarlierServiceWins() {
        int[] pipe = guest.pipe();
        IoctlRegistrations late = thirdParty(0).add("FIONBIO", (call, descriptor, request, arg) -> 99, FIONBIO);
        assertEquals(0, guest.ioctl(pipe[0], FIONBIO, guest.intCell(1)), "the built-in came first");
        late.close();
    }

    @Test
    void aKindSpecificHandlerServesOnlyItsKinds() {
        int[] pipe = guest.pipe();
        int file = regularFile();
        long cell = guest.alloc(4);
        IoctlRegistrations mine = thirdParty(0)
            .add("MYDEV_GET", (call, descriptor, request, arg) -> 1, EnumSet.of(FileKind.PIPE), MYDEV_GET)
            .add("FIONREAD", (call, descriptor, request, arg) -> 2, EnumSet.of(FileKind.REGULAR), FIONREAD);
        assertEquals(1, guest.ioctl(pipe[0], MYDEV_GET, cell));
        assertEquals(-Errno.ENOTTY, guest.ioctl(file, MYDEV_GET, cell));
        // ranking 0 and later than the built-in: the built-in still wins for regular files
        assertEquals(0, guest.ioctl(file, FIONREAD, cell));
        IoctlRegistrations better = thirdParty(5)
            .add("FIONREAD", (call, descriptor, request, arg) -> 3, EnumSet.of(FileKind.REGULAR), FIONREAD);
        assertEquals(3, guest.ioctl(file, FIONREAD, cell));
        assertEquals(0, guest.ioctl(pipe[0], FIONREAD, cell), "other kinds keep the built-in");
        better.close();
        mine.close();
    }

    @Test
    void changedServicePropertiesReRankTheHandler() {
        int[] pipe = guest.pipe();
        IoctlHandler mine = (call, descriptor, request, arg) -> 55;
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(IoctlHandler.REQUEST, FIONBIO);
        props.put(Constants.SERVICE_RANKING, -1);
        ServiceRegistration<?> registration = guest.framework.context()
            .registerService(IoctlHandler.class, mine, props);
        long on = guest.intCell(1);
        assertEquals(0, guest.ioctl(pipe[0], FIONBIO, on), "ranked below the built-in");
        props.put(Constants.SERVICE_RANKING, 5);
        registration.setProperties(props);
        assertEquals(55, guest.ioctl(pipe[0], FIONBIO, on));
        props.put(IoctlHandler.REQUEST, new long[] {MYDEV_GET});
        registration.setProperties(props);
        assertEquals(0, guest.ioctl(pipe[0], FIONBIO, on), "no longer serves FIONBIO");
        assertEquals(55, guest.ioctl(pipe[0], MYDEV_GET, on));
        registration.unregister();
        assertEquals(-Errno.ENOTTY, guest.ioctl(pipe[0], MYDEV_GET, on));
    }

    @Test
    void propertyValuesInEveryUsualShapeAreUnderstood() {
        IoctlWhiteboard board = new IoctlWhiteboard();
        IoctlHandler a = (call, d, r, arg) -> 0;
        IoctlHandler b = (call, d, r, arg) -> 0;
        IoctlHandler c = (call, d, r, arg) -> 0;
        assertTrue(board.add(a, Map.of(IoctlHandler.REQUEST, "0x5421", Constants.SERVICE_ID, 1L)));
        assertTrue(board.add(b, Map.of(IoctlHandler.REQUEST, new int[] {0x80045430, 7},
            IoctlHandler.KIND, "TTY", Constants.SERVICE_ID, 2L)));
        assertTrue(board.add(c, Map.of(IoctlHandler.REQUEST, java.util.List.of(8L, 9L),
            IoctlHandler.KIND, new String[] {"PIPE", "SOCKET"}, Constants.SERVICE_ID, 3L)));
        assertSame(a, board.lookup(0x5421, FileKind.EPOLL));
        assertSame(b, board.lookup(0x80045430L, FileKind.TTY), "a negative int means the unsigned code");
        assertNull(board.lookup(7, FileKind.PIPE));
        assertSame(c, board.lookup(9, FileKind.SOCKET));
        assertNull(board.lookup(9, FileKind.TTY));
    }

    @Test
    void malformedServicesAreIgnored() {
        IoctlWhiteboard board = new IoctlWhiteboard();
        IoctlHandler h = (call, d, r, arg) -> 0;
        assertFalse(board.add(h, Map.of()));
        assertFalse(board.add(h, Map.of(IoctlHandler.REQUEST, "nonsense")));
        assertFalse(board.add(h, Map.of(IoctlHandler.REQUEST, 1L, IoctlHandler.KIND, "NO_SUCH_KIND")));
        assertNull(board.lookup(1, FileKind.PIPE));
    }

    @Test
    void theRequestTableFindsManyCodesAndNothingElse() {
        Map<Long, IoctlHandler[]> codes = new HashMap<>();
        IoctlHandler[] handlers = new IoctlHandler[1000];
        for (int i = 0; i < handlers.length; i++) {
            long code = 0x5400L + i * 0x10001L;
            IoctlHandler h = (call, d, r, arg) -> 0;
            handlers[i] = h;
            IoctlHandler[] perKind = new IoctlHandler[FileKind.values().length];
            perKind[FileKind.PIPE.ordinal()] = h;
            codes.put(code, perKind);
        }
        RequestTable table = new RequestTable(codes);
        for (int i = 0; i < handlers.length; i++) {
            long code = 0x5400L + i * 0x10001L;
            assertSame(handlers[i], table.lookup(code, FileKind.PIPE));
            assertSame(handlers[i], table.lookup(code | 0xdead_0000_0000_0000L, FileKind.PIPE));
            assertNull(table.lookup(code, FileKind.REGULAR));
            assertNull(table.lookup(code + 1, FileKind.PIPE));
        }
        assertNull(RequestTable.EMPTY.lookup(0x5421, FileKind.PIPE));
    }
}
