package org.osgix.syscall.support;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Whiteboard services of one type that a component registers with one ranking and unregisters
 * together: what {@link SyscallRegistrations} and {@code IoctlRegistrations} are built on.
 */
public final class ServiceRegistrations<S> implements AutoCloseable {
    private final BundleContext context;
    private final Class<S> type;
    private final int ranking;
    private final List<ServiceRegistration<S>> registrations = new ArrayList<>();

    /** Every service is registered with {@code service.ranking = ranking}. */
    public ServiceRegistrations(BundleContext context, Class<S> type, int ranking) {
        this.context = context;
        this.type = type;
        this.ranking = ranking;
    }

    /** Registers {@code service} with {@code properties} and the ranking. */
    public synchronized void register(S service, Hashtable<String, Object> properties) {
        properties.put(Constants.SERVICE_RANKING, ranking);
        registrations.add(context.registerService(type, service, properties));
    }

    /** Unregisters every service (safe to call twice, and after the bundle stopped). */
    @Override
    public synchronized void close() {
        for (ServiceRegistration<S> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it when the bundle stopped
            }
        }
        registrations.clear();
    }
}
