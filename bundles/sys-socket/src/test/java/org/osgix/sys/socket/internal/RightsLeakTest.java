package org.osgix.sys.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.Guest;

/**
 * SCM_RIGHTS at the handler level: a received descriptor is the sent description itself (not a
 * copy), nothing stays in flight after the receive, and no host fd is left behind once both
 * sides close; bad guest pointers give EFAULT, bad descriptors EBADF.
 */
class RightsLeakTest {
    private static final int AF_UNIX = 1, SOCK_STREAM = 1, SOL_SOCKET = 1, SCM_RIGHTS = 1;

    private final Host host = new PosixHost();
    private Guest guest;

    @BeforeEach
    void setUp() {
        guest = SocketGuests.guest(host, new Policies(host.memory()));
    }

    @AfterEach
    void tearDown() {
        guest.close();
    }

    /** A msghdr with one 1-byte iovec and, when fd >= 0, one SCM_RIGHTS message carrying it. */
    private long message(int fd) {
        long data = guest.alloc(8);
        long iov = guest.alloc(16);
        guest.memory.writeLong(iov, data);
        guest.memory.writeLong(iov + 8, 1);
        long control = guest.alloc(24);
        guest.memory.writeLong(control, 20);
        guest.memory.writeInt(control + 8, SOL_SOCKET);
        guest.memory.writeInt(control + 12, SCM_RIGHTS);
        guest.memory.writeInt(control + 16, fd);
        long msg = guest.alloc(56);
        guest.memory.writeLong(msg + 16, iov);
        guest.memory.writeLong(msg + 24, 1);
        guest.memory.writeLong(msg + 32, control);
        guest.memory.writeLong(msg + 40, 24);
        return msg;
    }

    @Test
    void theSameDescriptionArrivesAndNothingLeaks() {
        int before = host.openFdCount();
        long sv = guest.alloc(8);
        assertEquals(0, guest.call("socketpair", AF_UNIX, SOCK_STREAM, 0, sv));
        int a = guest.memory.readInt(sv);
        int b = guest.memory.readInt(sv + 4);
        long pair = host.pipe2(0x80000);
        int pipeRead = guest.install((int) (pair >>> 32), org.osgix.fd.FileKind.PIPE);
        int pipeWrite = guest.install((int) pair, org.osgix.fd.FileKind.PIPE);
        assertEquals(1, guest.call("sendmsg", a, message(pipeRead), 0));
        guest.fds.close(pipeRead); // in flight, the description stays open
        long in = message(-1);
        assertEquals(1, guest.call("recvmsg", b, in, 0));
        long control = guest.memory.readLong(in + 32);
        int received = guest.memory.readInt(control + 16);
        assertTrue(received >= 0 && guest.fds.get(received) != null, "received fd " + received);
        assertEquals(org.osgix.fd.FileKind.PIPE, guest.file(received).kind());
        assertTrue(guest.file(received).isOpen());
        guest.fds.close(received);
        guest.fds.close(pipeWrite);
        guest.fds.close(a);
        guest.fds.close(b);
        assertEquals(before, host.openFdCount(), "host fds left behind");
    }

    @Test
    void descriptorsTheHostDropsForTooSmallAControlBufferAreReleased() {
        int before = host.openFdCount();
        long sv = guest.alloc(8);
        assertEquals(0, guest.call("socketpair", AF_UNIX, SOCK_STREAM, 0, sv));
        int a = guest.memory.readInt(sv);
        int b = guest.memory.readInt(sv + 4);
        int[] pipes = new int[3];
        for (int i = 0; i < 3; i++) {
            pipes[i] = guest.install(host.eventfd(0, 0x80000), org.osgix.fd.FileKind.EVENTFD);
        }
        long msg = message(pipes[0]);
        long control = guest.memory.readLong(msg + 32);
        long bigger = guest.alloc(32);
        guest.memory.writeLong(bigger, 28);
        guest.memory.writeInt(bigger + 8, SOL_SOCKET);
        guest.memory.writeInt(bigger + 12, SCM_RIGHTS);
        for (int i = 0; i < 3; i++) {
            guest.memory.writeInt(bigger + 16 + 4 * i, pipes[i]);
        }
        guest.memory.writeLong(msg + 32, bigger);
        guest.memory.writeLong(msg + 40, 32);
        assertEquals(1, guest.call("sendmsg", a, msg, 0));
        for (int fd : pipes) {
            guest.fds.close(fd); // only the messages keep them open now
        }
        long in = message(-1); // room for two descriptors (24 bytes)
        assertEquals(1, guest.call("recvmsg", b, in, 0));
        assertEquals(8, guest.memory.readInt(in + 48) & 8, "MSG_CTRUNC");
        long got = guest.memory.readLong(in + 32);
        int delivered = (int) ((guest.memory.readLong(got) - 16) / 4);
        assertTrue(delivered >= 1 && delivered < 3, "delivered " + delivered);
        for (int i = 0; i < delivered; i++) {
            guest.fds.close(guest.memory.readInt(got + 16 + 4 * i));
        }
        guest.fds.close(a);
        guest.fds.close(b);
        assertEquals(before, host.openFdCount(), "the dropped descriptor's host fd stayed open");
        assertTrue(control != 0);
    }

    @Test
    void badInputIsRefusedAsLinux() {
        long sv = guest.alloc(8);
        assertEquals(0, guest.call("socketpair", AF_UNIX, SOCK_STREAM, 0, sv));
        int a = guest.memory.readInt(sv);
        assertEquals(-Errno.EBADF, guest.call("sendmsg", a, message(900), 0));
        assertEquals(-Errno.EFAULT, guest.call("sendmsg", a, 8, 0));
        assertEquals(-Errno.EFAULT, guest.call("socketpair", AF_UNIX, SOCK_STREAM, 0, 8));
        assertEquals(-Errno.ENOTSOCK, guest.call("sendmsg", guest.install(host.eventfd(0, 0x80000),
            org.osgix.fd.FileKind.EVENTFD), message(-1), 0));
        assertEquals(-Errno.EBADF, guest.call("recvmsg", 999, message(-1), 0));
        assertEquals(-Errno.EAFNOSUPPORT, guest.call("socket", 17 /* AF_PACKET */, 3, 0));
    }
}
