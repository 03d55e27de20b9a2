package org.osgix.io.ioctl.internal;

import org.osgi.framework.Constants;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.syscall.SyscallHandler;

/**
 * Stands in for the framework and DS: syscall handlers are recorded by name, ioctl-handler
 * services are delivered to the whiteboard as the family's dynamic reference would be (with
 * service.id), and registration changes (unregister, setProperties) reach it too.
 */
final class FakeFramework {
    final Map<String, SyscallHandler> syscalls = new ConcurrentHashMap<>();
    final Map<String, Dictionary<String, ?>> syscallProperties = new ConcurrentHashMap<>();
    final Map<String, String> frameworkProperties = new HashMap<>();
    private final IoctlWhiteboard whiteboard;
    private final AtomicLong nextServiceId = new AtomicLong(1);

    FakeFramework(IoctlWhiteboard whiteboard) {
        this.whiteboard = whiteboard;
    }

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                case "registerService" -> register(args[1], (Dictionary<?, ?>) args[2]);
                case "getProperty" -> frameworkProperties.get((String) args[0]);
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }

    private ServiceRegistration<?> register(Object service, Dictionary<?, ?> dictionary) {
        Map<String, Object> props = new HashMap<>();
        for (Object key : Collections.list(dictionary.keys())) {
            props.put((String) key, dictionary.get(key));
        }
        props.put(Constants.SERVICE_ID, nextServiceId.getAndIncrement());
        if (service instanceof SyscallHandler syscall) {
            String name = (String) props.get(SyscallHandler.NAME);
            syscalls.put(name, syscall);
            syscallProperties.put(name, castDictionary(dictionary));
            return registration(() -> syscalls.remove(name), p -> { });
        }
        IoctlHandler handler = (IoctlHandler) service;
        whiteboard.add(handler, props);
        return registration(() -> whiteboard.remove(handler, props), changed -> {
            Map<String, Object> updated = new HashMap<>(changed);
            updated.put(Constants.SERVICE_ID, props.get(Constants.SERVICE_ID));
            whiteboard.modified(handler, updated);
        });
    }

    @SuppressWarnings("unchecked")
    private static Dictionary<String, ?> castDictionary(Dictionary<?, ?> d) {
        return (Dictionary<String, ?>) d;
    }

    private ServiceRegistration<?> registration(Runnable unregister,
            java.util.function.Consumer<Map<String, Object>> setProperties) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "unregister" -> unregister.run();
                    case "setProperties" -> {
                        Dictionary<?, ?> d = (Dictionary<?, ?>) args[0];
                        Map<String, Object> props = new HashMap<>();
                        for (Object key : Collections.list(d.keys())) {
                            props.put((String) key, d.get(key));
                        }
                        setProperties.accept(props);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                }
                return null;
            });
    }
}
