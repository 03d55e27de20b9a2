package org.osgix.ioctl;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgix.fd.FileKind;
import org.osgix.syscall.support.ServiceRegistrations;

/**
 * Registers ioctl handlers as whiteboard services with the right properties. A bundle creates
 * one in its activate method and closes it in deactivate:
 *
 * <pre>
 * regs = new IoctlRegistrations(context, 10)
 *     .add("FIONREAD", new MyFionread(), IoctlRequests.FIONREAD)
 *     .add("MYDEV_GET", new MyDeviceGet(), EnumSet.of(FileKind.CHARACTER_DEVICE), 0x80086d01L);
 * </pre>
 */
public final class IoctlRegistrations implements AutoCloseable {
    private final ServiceRegistrations<IoctlHandler> registrations;

    public IoctlRegistrations(BundleContext context) {
        this(context, 0);
    }

    /** Every handler registered with {@code service.ranking = ranking} (overrides use &gt; 0). */
    public IoctlRegistrations(BundleContext context, int ranking) {
        this.registrations = new ServiceRegistrations<>(context, IoctlHandler.class, ranking);
    }

    /** Registers {@code handler} for {@code requests} on every kind of descriptor. */
    public IoctlRegistrations add(String name, IoctlHandler handler, long... requests) {
        return register(name, handler, null, requests);
    }

    /** Registers {@code handler} for {@code requests} on descriptors of the given kinds only. */
    public IoctlRegistrations add(String name, IoctlHandler handler, Iterable<FileKind> kinds, long... requests) {
        List<String> names = new ArrayList<>();
        kinds.forEach(k -> names.add(k.name()));
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no file kind given for " + name);
        }
        return register(name, handler, names.toArray(new String[0]), requests);
    }

    private IoctlRegistrations register(String name, IoctlHandler handler, String[] kinds,
            long[] requests) {
        if (requests.length == 0) {
            throw new IllegalArgumentException("no request code given for " + name);
        }
        Hashtable<String, Object> props = new Hashtable<>();
        Long[] codes = new Long[requests.length];
        for (int i = 0; i < requests.length; i++) {
            codes[i] = requests[i] & 0xffffffffL;
        }
        props.put(IoctlHandler.REQUEST, codes);
        props.put(IoctlHandler.NAME, name);
        if (kinds != null) {
            props.put(IoctlHandler.KIND, kinds);
        }
        registrations.register(handler, props);
        return this;
    }

    /** Unregisters every handler (safe to call twice, and after the bundle stopped). */
    @Override
    public void close() {
        registrations.close();
    }
}
