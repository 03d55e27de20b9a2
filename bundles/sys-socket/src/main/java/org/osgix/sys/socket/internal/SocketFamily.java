package org.osgix.sys.socket.internal;

import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgix.host.Host;
import org.osgix.ioctl.IoctlRegistrations;
import org.osgix.net.NetworkPolicy;
import org.osgix.signal.SignalDelivery;
import org.osgix.syscall.support.Ranked;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * The socket family: AF_UNIX (stream, datagram, seqpacket; SCM_RIGHTS and SCM_CREDENTIALS),
 * AF_INET and AF_INET6 (TCP, UDP) and NETLINK_ROUTE, all as host sockets in the guest's
 * descriptor table; read, write, poll and epoll on them are served by the io and poll families.
 * It follows the {@link NetworkPolicy} services live.
 */
@Component(service = {})
public final class SocketFamily {
    static final String FAMILY = "sys-socket";

    private final Policies policies;
    private final SyscallRegistrations registrations;
    private final IoctlRegistrations ioctls;
    private final SocketSigPipe sigPipe = new SocketSigPipe();

    @Activate
    public SocketFamily(BundleContext context, @Reference Host host) {
        this.policies = new Policies(host.memory());
        this.registrations = register(new SyscallRegistrations(context, FAMILY), host, policies, sigPipe);
        this.ioctls = SocketIoctls.register(new IoctlRegistrations(context), host);
    }

    @Deactivate
    void deactivate() {
        ioctls.close();
        registrations.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetSignals")
    void setSignals(SignalDelivery delivery) {
        sigPipe.signals.bind(delivery);
    }

    void unsetSignals(SignalDelivery delivery) {
        sigPipe.signals.unbind(delivery);
    }

    @Reference(service = NetworkPolicy.class, cardinality = ReferenceCardinality.MULTIPLE,
        policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
        unbind = "removePolicy", updated = "updatedPolicy")
    void addPolicy(NetworkPolicy policy, Map<String, Object> properties) {
        policies.add(Ranked.of(policy, properties));
    }

    void updatedPolicy(NetworkPolicy policy, Map<String, Object> properties) {
        policies.add(Ranked.of(policy, properties));
    }

    void removePolicy(NetworkPolicy policy) {
        policies.remove(policy);
    }

    /** Registers every handler of the family (tests call it with a recording context). */
    static SyscallRegistrations register(SyscallRegistrations regs, Host host, Policies policies,
            SocketSigPipe sigPipe) {
        SocketScratch scratch = new SocketScratch(host.memory());
        SocketFiles files = new SocketFiles(host, scratch);
        SocketAddresses addresses = new SocketAddresses(host.memory(), policies);
        Blocking blocking = new Blocking(host, scratch);
        Rights rights = new Rights(host, files);
        MessageHeaders headers = new MessageHeaders(scratch, addresses, rights);
        Sockets sockets = new Sockets(host, scratch, files, addresses, blocking);
        Messages messages = new Messages(host, scratch, files, headers, blocking, addresses, rights);
        SocketOptions options = new SocketOptions(host);
        String domains = "AF_UNIX, AF_INET, AF_INET6 and AF_NETLINK (host sockets); other families EAFNOSUPPORT";
        return regs
            .partialNonBlocking("socket", domains, sockets::socket)
            .partialNonBlocking("socketpair", domains, sockets::socketpair)
            .full("bind", sockets::bind)
            .fullNonBlocking("listen", sockets::listen)
            .full("connect", sockets::connect)
            .full("accept", sockets::accept)
            .full("accept4", sockets::accept4)
            .fullNonBlocking("shutdown", sockets::shutdown)
            .fullNonBlocking("getsockname", sockets::getsockname)
            .fullNonBlocking("getpeername", sockets::getpeername)
            .full("sendto", sigPipe.raising(messages::sendto, 3))
            .full("recvfrom", messages::recvfrom)
            .full("sendmsg", sigPipe.raising(messages::sendmsg, 2))
            .full("recvmsg", messages::recvmsg)
            .full("sendmmsg", sigPipe.raising(messages::sendmmsg, 3))
            .full("recvmmsg", messages::recvmmsg)
            .fullNonBlocking("setsockopt", options::setsockopt)
            .fullNonBlocking("getsockopt", options::getsockopt);
    }
}
