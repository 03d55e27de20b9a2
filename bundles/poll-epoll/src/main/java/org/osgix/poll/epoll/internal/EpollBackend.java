package org.osgix.poll.epoll.internal;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.poll.PollBackend;
import org.osgix.poll.PollException;
import org.osgix.poll.PollSet;

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
    private final ServiceRegistration<PollBackend> registration;

    @Activate
    public EpollBackend(BundleContext context, @Reference Host host) {
        this.host = host;
        this.registration = host.platform().startsWith("linux") ? context.registerService(
            PollBackend.class, this, properties()) : null;
    }

    /** A backend for direct use (tests). */
    EpollBackend(Host host) {
        this.host = host;
        this.registration = null;
    }

    static Hashtable<String, Object> properties() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PollBackend.NAME, NAME);
        props.put(Constants.SERVICE_RANKING, LINUX_RANKING);
        return props;
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it when the bundle stopped
            }
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
