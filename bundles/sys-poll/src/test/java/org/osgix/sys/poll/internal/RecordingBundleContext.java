package org.osgix.sys.poll.internal;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgix.syscall.SyscallHandler;

/** Stands in for the framework under SyscallRegistrations: keeps each handler by syscall name. */
final class RecordingBundleContext {
    record Registered(SyscallHandler handler, Dictionary<String, ?> properties) {
    }

    final Map<String, Registered> services = new ConcurrentHashMap<>();

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                @SuppressWarnings("unchecked")
                Dictionary<String, ?> props = (Dictionary<String, ?>) args[2];
                String name = (String) props.get(SyscallHandler.NAME);
                services.put(name, new Registered((SyscallHandler) args[1], props));
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
}
