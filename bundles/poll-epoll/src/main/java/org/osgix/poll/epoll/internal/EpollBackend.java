package org.osgix.poll.epoll.internal;

import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.poll.PollBackend;
import org.osgix.poll.PollException;
import org.osgix.poll.PollSet;
import org.osgix.syscall.support.ServiceRegistrations;

/**
 * The "epoll" backend: each set is a host epoll instance. It is offered only on Linux hosts, where
 * it is the fastest backend (measured: see the ranking).
 */
@Component(service = {})
public final class EpollBackend implements PollBackend {
    static final String NAME = "epoll";
    /**
     * Above the kqueue backend's ranking on Linux, where kqueue is emulated over epoll and costs
     * one more host call per collection (eventfd write, epoll_wait, read loop measured from a guest).
     */
    static final int LINUX_RANKING = 200;

    private final Host host;
    private final ServiceRegistrations<PollBackend> registrations;

    @Activate
    public EpollBackend(BundleContext context, @Reference Host host) {
        this.host = host;
        this.registrations = new ServiceRegistrations<>(context, PollBackend.class, LINUX_RANKING);
        if (host.platform().startsWith("linux")) {
            registrations.register(this, new Hashtable<>(Map.of(PollBackend.NAME, NAME)));
        }
    }

    /** A backend for direct use (tests). */
    EpollBackend(Host host) {
        this.host = host;
        this.registrations = null;
    }

    @Deactivate
    void deactivate() {
        if (registrations != null) {
            registrations.close();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PollSet open() throws PollException {
        return EpollSet.open(host);
    }
}
