package org.osgix.testsupport;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgix.syscall.SyscallHandler;

/** Records the services a family registers and unregisters (a dynamic proxy: only those calls work). */
public final class FakeBundleContext {
    private final Map<String, Dictionary<String, ?>> services = Collections.synchronizedMap(new HashMap<>());
    private final Map<String, SyscallHandler> handlers = Collections.synchronizedMap(new HashMap<>());

    /** Live registrations: syscall name → service properties. */
    public Map<String, Dictionary<String, ?>> services() {
        return services;
    }

    /** Every handler registered, by syscall name. */
    public Map<String, SyscallHandler> handlers() {
        return handlers;
    }

    /** A context whose registerService records into {@link #services()} and {@link #handlers()}. */
    @SuppressWarnings("unchecked")
    public BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService") || !(args[2] instanceof Dictionary)) {
                    throw new UnsupportedOperationException(method.getName());
                }
                Dictionary<String, ?> props = (Dictionary<String, ?>) args[2];
                String name = (String) props.get(SyscallHandler.NAME);
                if (services.putIfAbsent(name, props) != null) {
                    throw new IllegalStateException("registered twice: " + name);
                }
                handlers.put(name, (SyscallHandler) args[1]);
                return registration(name);
            });
    }

    private ServiceRegistration<?> registration(String name) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                if (!method.getName().equals("unregister")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                services.remove(name);
                return null;
            });
    }

    /** The support property the handler for {@code name} was registered with. */
    public String support(String name) {
        return (String) services.get(name).get(SyscallHandler.SUPPORT);
    }
}
