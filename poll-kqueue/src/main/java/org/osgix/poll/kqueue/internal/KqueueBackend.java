package org.osgix.poll.kqueue.internal;

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
 * The "kqueue" backend. On BSD and macOS it uses the host's kqueue and is the best backend there;
 * on Linux it runs over an emulation of kqueue on epoll, which costs an extra host call per
 * collection, so it ranks below the epoll backend.
 */
@Component(service = {})
public final class KqueueBackend implements PollBackend {
    static final String NAME = "kqueue";
    static final int NATIVE_RANKING = 300;
    static final int EMULATED_RANKING = 100;

    private final KqueuePort port;
    private final ServiceRegistrations<PollBackend> registrations;

    @Activate
    public KqueueBackend(BundleContext context, @Reference Host host) {
        this.port = portFor(host);
        this.registrations = new ServiceRegistrations<>(context, PollBackend.class,
            port instanceof NativeKqueuePort ? NATIVE_RANKING : EMULATED_RANKING);
        if (port != null) {
            registrations.register(this, new Hashtable<>(Map.of(PollBackend.NAME, NAME)));
        }
    }

    /** A backend on a given port (tests). */
    KqueueBackend(KqueuePort port) {
        this.port = port;
        this.registrations = null;
    }

    /** The host's kqueue where it has one, the epoll emulation on Linux, otherwise none. */
    static KqueuePort portFor(Host host) {
        if (NativeKqueuePort.supported()) {
            return new NativeKqueuePort(host);
        }
        if (host.platform().startsWith("linux")) {
            return new EpollKqueuePort(host);
        }
        return null;
    }

    @Deactivate
    void deactivate() {
        if (registrations != null) {
            registrations.close();
        }
        if (port != null) {
            port.close();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PollSet open() throws PollException {
        if (port == null) {
            throw new PollException(org.osgix.syscall.Errno.ENOSYS, "no kqueue on this host");
        }
        return KqueueSet.open(port);
    }
}
