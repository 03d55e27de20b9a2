package org.osgix.test.support;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgix.syscall.SyscallHandler;

/**
 * Stands in for the framework (a dynamic proxy: only the calls below work). Syscall handlers are
 * recorded by name; any other service goes to the {@link Whiteboard} a test sets, with a
 * {@code service.id}, as a consumer's dynamic reference would get it, and so do its property
 * changes and its unregistration.
 */
public final class FakeBundleContext {
    /** A consumer of the services that are not syscall handlers (an ioctl whiteboard, say). */
    @FunctionalInterface
    public interface Whiteboard {
        void added(Object service, Map<String, Object> properties);

        /** New properties of a service (ignored unless a test cares). */
        default void modified(Object service, Map<String, Object> properties) {
        }

        /** The service was unregistered (ignored unless a test cares). */
        default void removed(Object service, Map<String, Object> properties) {
        }
    }

    private final Map<String, Dictionary<String, ?>> services = Collections.synchronizedMap(new HashMap<>());
    private final Map<String, SyscallHandler> handlers = Collections.synchronizedMap(new HashMap<>());
    private final AtomicLong nextServiceId = new AtomicLong(1);
    private volatile Whiteboard whiteboard;

    /** Live registrations: syscall name → service properties. */
    public Map<String, Dictionary<String, ?>> services() {
        return services;
    }

    /** Every handler registered, by syscall name. */
    public Map<String, SyscallHandler> handlers() {
        return handlers;
    }

    /** Where services other than syscall handlers go (without one they are refused). */
    public void setWhiteboard(Whiteboard whiteboard) {
        this.whiteboard = whiteboard;
    }

    /** A context whose registerService records into {@link #services()} and {@link #handlers()}, or the whiteboard. */
    @SuppressWarnings("unchecked")
    public BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService") || !(args[2] instanceof Dictionary)) {
                    throw new UnsupportedOperationException(method.getName());
                }
                Dictionary<String, ?> props = (Dictionary<String, ?>) args[2];
                if (args[1] instanceof SyscallHandler handler) {
                    return registerHandler(handler, props);
                }
                return registerOther(args[1], props);
            });
    }

    private ServiceRegistration<?> registerHandler(SyscallHandler handler, Dictionary<String, ?> props) {
        String name = (String) props.get(SyscallHandler.NAME);
        if (services.putIfAbsent(name, props) != null) {
            throw new IllegalStateException("registered twice: " + name);
        }
        handlers.put(name, handler);
        return registration(() -> services.remove(name), changed -> {
            throw new UnsupportedOperationException("setProperties");
        });
    }

    private ServiceRegistration<?> registerOther(Object service, Dictionary<String, ?> dictionary) {
        Whiteboard consumer = whiteboard;
        if (consumer == null) {
            throw new UnsupportedOperationException("registerService of " + service.getClass().getName());
        }
        Map<String, Object> props = withId(dictionary, nextServiceId.getAndIncrement());
        consumer.added(service, props);
        return registration(() -> consumer.removed(service, props),
            changed -> consumer.modified(service, withId(changed, (Long) props.get(Constants.SERVICE_ID))));
    }

    private static Map<String, Object> withId(Dictionary<?, ?> dictionary, long serviceId) {
        Map<String, Object> props = new HashMap<>();
        for (Object key : Collections.list(dictionary.keys())) {
            props.put((String) key, dictionary.get(key));
        }
        props.put(Constants.SERVICE_ID, serviceId);
        return props;
    }

    private ServiceRegistration<?> registration(Runnable unregister,
            Consumer<Dictionary<?, ?>> setProperties) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "unregister" -> unregister.run();
                    case "setProperties" -> setProperties.accept((Dictionary<?, ?>) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                }
                return null;
            });
    }

    /** The support property the handler for {@code name} was registered with. */
    public String support(String name) {
        return (String) services.get(name).get(SyscallHandler.SUPPORT);
    }
}
