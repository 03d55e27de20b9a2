package org.osgix.poll.kqueue.internal;

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
    private final ServiceRegistration<PollBackend> registration;

    @Activate
    public KqueueBackend(BundleContext context, @Reference Host host) {
        this.port = portFor(host);
        this.registration = port == null ? null
            : context.registerService(PollBackend.class, this, properties(port instanceof NativeKqueuePort));
    }

    /** A backend on a given port (tests). */
    KqueueBackend(KqueuePort port) {
        this.port = port;
        this.registration = null;
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

    static Hashtable<String, Object> properties(boolean nativeKqueue) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PollBackend.NAME, NAME);
        props.put(Constants.SERVICE_RANKING, nativeKqueue ? NATIVE_RANKING : EMULATED_RANKING);
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
