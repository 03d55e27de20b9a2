package org.osgix.sys.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.net.Decision;
import org.osgix.net.NetworkPolicy;
import org.osgix.syscall.Errno;
import org.osgix.syscall.support.Ranked;
import org.osgix.test.support.Guest;

/**
 * The network-policy seam: with no policy everything connects; a policy denying one port makes
 * connect fail with the errno it chose while other ports still connect; a redirect sends the
 * connection elsewhere; bind is asked too; removing the policy restores the default.
 */
class NetworkPolicyTest {
    private static final int AF_INET6 = 10, SOCK_STREAM = 1;

    private final Host host = new PosixHost();
    private Policies policies;
    private Guest guest;

    @BeforeEach
    void setUp() {
        policies = new Policies(host.memory());
        guest = SocketGuests.guest(host, policies);
    }

    @AfterEach
    void tearDown() {
        guest.close();
    }

    private long lastListener;

    /** A listening TCP socket on ::1 (its fd in lastListener); returns its port. */
    private int listener() {
        long fd = guest.call("socket", AF_INET6, SOCK_STREAM, 0);
        assertTrue(fd >= 0, "socket: " + fd);
        long addr = loopback(0);
        assertEquals(0, guest.call("bind", fd, addr, 28));
        assertEquals(0, guest.call("listen", fd, 4));
        long len = guest.alloc(4);
        guest.memory.writeInt(len, 28);
        assertEquals(0, guest.call("getsockname", fd, addr, len));
        lastListener = fd;
        return (guest.memory.readByte(addr + 2) & 0xff) << 8 | guest.memory.readByte(addr + 3) & 0xff;
    }

    private long loopback(int port) {
        long addr = guest.alloc(28);
        guest.memory.writeByte(addr, (byte) AF_INET6);
        guest.memory.writeByte(addr + 2, (byte) (port >>> 8));
        guest.memory.writeByte(addr + 3, (byte) port);
        guest.memory.writeByte(addr + 23, (byte) 1); // ::1
        return addr;
    }

    private long connect(int port) {
        long fd = guest.call("socket", AF_INET6, SOCK_STREAM, 0);
        long r = guest.call("connect", fd, loopback(port), 28);
        guest.fds.close((int) fd);
        return r;
    }

    @Test
    void denyingOnePortRefusesOnlyThatPort() {
        int open = listener();
        int other = listener();
        assertEquals(0, connect(open), "no policy: allowed");
        List<InetSocketAddress> seen = new ArrayList<>();
        NetworkPolicy denyOne = (process, operation, type, address) -> {
            seen.add(address);
            return operation == NetworkPolicy.Operation.CONNECT && address.getPort() == open
                ? Decision.deny(Errno.ECONNREFUSED) : Decision.ALLOW;
        };
        policies.add(new Ranked<>(denyOne, 0, 1));
        assertEquals(-Errno.ECONNREFUSED, connect(open));
        assertEquals(0, connect(other), "another port still connects");
        assertTrue(seen.get(0).getAddress() instanceof java.net.Inet6Address, seen.toString());
        assertTrue(seen.get(0).getAddress().isLoopbackAddress(), seen.toString());
        policies.remove(denyOne);
        assertEquals(0, connect(open), "policy gone: allowed again");
    }

    @Test
    void aRedirectConnectsElsewhereAndBindIsAsked() throws Exception {
        int open = listener();
        int closed = listener();
        // nothing listens on a port once its socket is closed: take one, close it
        int nowhere = listener();
        guest.fds.close((int) lastListener);
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName("::1"), open);
        policies.add(new Ranked<>((process, operation, type, address) -> operation == NetworkPolicy.Operation.CONNECT
            && address.getPort() == nowhere ? Decision.redirect(target) : null, 0, 1));
        policies.add(new Ranked<>((process, operation, type, address) -> operation == NetworkPolicy.Operation.BIND
            ? Decision.deny(Errno.EACCES) : Decision.ALLOW, 10, 2));
        assertEquals(0, connect(nowhere), "redirected to the listener");
        assertEquals(0, connect(closed));
        long fd = guest.call("socket", AF_INET6, SOCK_STREAM, 0);
        assertEquals(-Errno.EACCES, guest.call("bind", fd, loopback(0), 28));
    }
}
