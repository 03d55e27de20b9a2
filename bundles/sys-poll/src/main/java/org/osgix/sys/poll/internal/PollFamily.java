package org.osgix.sys.poll.internal;

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
import org.osgix.signal.SignalDelivery;
import org.osgix.poll.PollBackend;
import org.osgix.syscall.support.Ranked;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * The poll family: epoll, poll, select and eventfd. It follows the poll backends dynamically:
 * when one comes, goes or is re-ranked, live epoll instances move to the one they now choose.
 */
@Component(service = {})
public final class PollFamily {
    static final String FAMILY = "sys-poll";

    private final EpollRegistry registry;
    private final SyscallRegistrations registrations;
    private final SignalMasks masks = new SignalMasks();

    @Activate
    public PollFamily(BundleContext context, @Reference Host host) {
        this.registry = new EpollRegistry(host);
        this.registrations = register(new SyscallRegistrations(context, FAMILY), host, registry, masks);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetSignals")
    void setSignals(SignalDelivery delivery) {
        masks.signals.bind(delivery);
    }

    void unsetSignals(SignalDelivery delivery) {
        masks.signals.unbind(delivery);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }

    @Reference(service = PollBackend.class, cardinality = ReferenceCardinality.MULTIPLE,
        policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
        unbind = "removeBackend", updated = "updatedBackend")
    void addBackend(PollBackend backend, Map<String, Object> properties) {
        registry.backendAdded(Ranked.of(backend, properties));
    }

    void updatedBackend(PollBackend backend, Map<String, Object> properties) {
        registry.backendAdded(Ranked.of(backend, properties));
    }

    void removeBackend(PollBackend backend) {
        registry.backendRemoved(backend);
    }

    /** Registers every handler of the family (tests call it with a recording context). */
    static SyscallRegistrations register(SyscallRegistrations regs, Host host, EpollRegistry registry) {
        return register(regs, host, registry, new SignalMasks());
    }

    static SyscallRegistrations register(SyscallRegistrations regs, Host host, EpollRegistry registry,
            SignalMasks signalMasks) {
        EpollCalls epoll = new EpollCalls(registry, signalMasks);
        EventFds eventFds = new EventFds(host);
        PollCalls poll = new PollCalls(host, registry, signalMasks);
        SelectCalls select = new SelectCalls(host, registry, signalMasks);
        return regs
            .fullNonBlocking("epoll_create", epoll::epollCreate)
            .fullNonBlocking("epoll_create1", epoll::epollCreate1)
            .partialNonBlocking("epoll_ctl", "EPOLLEXCLUSIVE is accepted but wakes every waiter", epoll::epollCtl)
            .full("epoll_wait", epoll::epollWait)
            .full("epoll_pwait", epoll::epollPwait)
            .full("epoll_pwait2", epoll::epollPwait2)
            .full("poll", poll::poll)
            .full("ppoll", poll::ppoll)
            .full("select", select::select)
            .full("pselect6", select::pselect6)
            .fullNonBlocking("eventfd", eventFds::eventfd)
            .fullNonBlocking("eventfd2", eventFds::eventfd2);
    }
}
