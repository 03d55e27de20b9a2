package org.osgix.io.ioctl.internal;

import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * The ioctl family: serves the ioctl syscall by dispatching request codes to the ioctl-handler
 * whiteboard ({@link IoctlHandler} services, from this bundle or any other).
 *
 * <p>Component property {@value OpathCloexecCompat#COMPONENT_PROPERTY} (default false; the
 * framework property {@value OpathCloexecCompat#FRAMEWORK_PROPERTY} overrides it): honour
 * FIOCLEX/FIONCLEX on O_PATH descriptors for every process instead of Linux's EBADF.
 */
@Component(service = {}, property = OpathCloexecCompat.COMPONENT_PROPERTY + ":Boolean=false")
public final class IoctlFamily {
    static final String FAMILY = "io-ioctl";

    private final IoctlWhiteboard whiteboard = new IoctlWhiteboard();
    private final SyscallRegistrations registrations;

    @Activate
    public IoctlFamily(BundleContext context, Map<String, Object> properties) {
        OpathCloexecCompat compat = OpathCloexecCompat.from(
            properties.getOrDefault(OpathCloexecCompat.COMPONENT_PROPERTY, Boolean.FALSE),
            context.getProperty(OpathCloexecCompat.FRAMEWORK_PROPERTY));
        this.registrations = register(new SyscallRegistrations(context, FAMILY), whiteboard, compat);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }

    @Reference(service = IoctlHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
        policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(IoctlHandler handler, Map<String, Object> properties) {
        whiteboard.add(handler, properties);
    }

    void updatedHandler(IoctlHandler handler, Map<String, Object> properties) {
        whiteboard.modified(handler, properties);
    }

    void removeHandler(IoctlHandler handler, Map<String, Object> properties) {
        whiteboard.remove(handler, properties);
    }

    /** Registers the ioctl syscall, served through {@code whiteboard}. */
    static SyscallRegistrations register(SyscallRegistrations regs, IoctlWhiteboard whiteboard,
            OpathCloexecCompat compat) {
        IoctlDispatch dispatch = new IoctlDispatch(whiteboard, compat);
        return regs.partial("ioctl", "requests served by IoctlHandler services; others ENOTTY", dispatch::ioctl);
    }
}
