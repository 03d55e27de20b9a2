package org.osgix.net;

import java.net.InetSocketAddress;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgix.syscall.GuestProcess;

/**
 * Decides a guest's use of an IP address, as a whiteboard service. The socket family asks every
 * registered policy, highest {@code service.ranking} first, before a {@code connect}, a
 * {@code bind}, and a {@code sendto}/{@code sendmsg} that names a destination, on an AF_INET or
 * AF_INET6 socket; the first decision other than {@link Decision#ALLOW} is applied. With no
 * policy registered every address is allowed and the family does no extra work. AF_UNIX and
 * netlink sockets are not asked.
 *
 * <p>Called concurrently from many guest threads; must be fast and must not block.
 */
@ConsumerType
public interface NetworkPolicy {
    /** What the guest is about to do with the address. */
    enum Operation {
        CONNECT,
        BIND,
        /** A datagram (or TCP fast-open) send naming its destination. */
        SEND
    }

    /**
     * @param process the guest process
     * @param operation what the guest does
     * @param socketType the Linux socket type (SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3...)
     * @param address the address the guest named (never resolved through DNS)
     * @return {@link Decision#ALLOW} (or null) to let it through unchanged, else a denial or a redirect
     */
    Decision decide(GuestProcess process, Operation operation, int socketType, InetSocketAddress address);
}
