package org.osgix.sys.socket.internal;

import static org.osgix.sys.socket.internal.SocketAbi.AF_INET;
import static org.osgix.sys.socket.internal.SocketAbi.AF_INET6;
import static org.osgix.sys.socket.internal.SocketAbi.SOCKADDR_IN6_SIZE;
import static org.osgix.sys.socket.internal.SocketAbi.SOCKADDR_IN_SIZE;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.osgix.host.NativeMemory;
import org.osgix.net.Decision;
import org.osgix.net.NetworkPolicy;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.support.Ranked;
import org.osgix.syscall.support.RankedServices;

/**
 * The registered {@link NetworkPolicy} services, highest ranking first. The list is replaced
 * as a whole on every change, so a call reads one volatile field and, with no policy, does
 * nothing else.
 */
final class Policies {
    private final NativeMemory memory;
    private final RankedServices<NetworkPolicy> ranked = new RankedServices<>();

    Policies(NativeMemory memory) {
        this.memory = memory;
    }

    /** Adds a policy, or re-ranks it when it is already here. */
    void add(Ranked<NetworkPolicy> policy) {
        ranked.add(policy);
    }

    void remove(NetworkPolicy policy) {
        ranked.remove(policy);
    }

    boolean any() {
        return !ranked.services().isEmpty();
    }

    /**
     * Asks the policies about the host sockaddr at {@code addr} ({@code length} bytes, may be
     * rewritten by a redirect). Returns the (new) length or -errno. An address too short for its
     * family is left to the host, which refuses it as Linux does.
     */
    int apply(GuestProcess process, NetworkPolicy.Operation operation, int socketType, long addr, int length) {
        int family = memory.getByte(addr) & 0xff | (memory.getByte(addr + 1) & 0xff) << 8;
        InetSocketAddress address = decode(addr, length, family);
        if (address == null) {
            return length;
        }
        List<NetworkPolicy> now = ranked.services();
        for (int i = 0; i < now.size(); i++) {
            Decision decision = now.get(i).decide(process, operation, socketType, address);
            if (decision == null || decision.isAllow()) {
                continue;
            }
            if (decision.errno() != 0) {
                return -decision.errno();
            }
            return encode(decision.redirect(), family, addr, length);
        }
        return length;
    }

    private InetSocketAddress decode(long addr, int length, int family) {
        int port = (memory.getByte(addr + 2) & 0xff) << 8 | memory.getByte(addr + 3) & 0xff;
        byte[] raw;
        if (family == AF_INET && length >= SOCKADDR_IN_SIZE) {
            raw = new byte[4];
            memory.get(addr + 4, raw, 0, 4);
        } else if (family == AF_INET6 && length >= SOCKADDR_IN6_SIZE) {
            raw = new byte[16];
            memory.get(addr + 8, raw, 0, 16);
        } else {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(raw), port);
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 or 16 bytes
        }
    }

    /** Writes the redirect target in the socket's family (IPv4 on IPv6 as v4-mapped). */
    private int encode(InetSocketAddress target, int family, long addr, int length) {
        InetAddress ip = target.getAddress();
        int port = target.getPort();
        memory.putByte(addr + 2, (byte) (port >>> 8));
        memory.putByte(addr + 3, (byte) port);
        byte[] raw = ip.getAddress();
        if (family == AF_INET) {
            if (!(ip instanceof Inet4Address)) {
                return -Errno.EAFNOSUPPORT;
            }
            memory.put(addr + 4, raw, 0, 4);
            return length;
        }
        if (ip instanceof Inet6Address) {
            memory.put(addr + 8, raw, 0, 16);
        } else {
            memory.fill(addr + 8, 10, (byte) 0);
            memory.putByte(addr + 18, (byte) 0xff);
            memory.putByte(addr + 19, (byte) 0xff);
            memory.put(addr + 20, raw, 0, 4);
        }
        return length;
    }
}
