package org.osgix.io.ioctl.internal;

import static org.osgix.ioctl.IoctlRequests.FIOASYNC;
import static org.osgix.ioctl.IoctlRequests.FIOCLEX;
import static org.osgix.ioctl.IoctlRequests.FIONBIO;
import static org.osgix.ioctl.IoctlRequests.FIONCLEX;
import static org.osgix.ioctl.IoctlRequests.FIONREAD;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.ioctl.IoctlRegistrations;

/**
 * The ioctls osgix serves itself, registered as ordinary {@link org.osgix.ioctl.IoctlHandler}
 * services (ranking 0), so another bundle overrides any of them with a higher ranking.
 */
@Component(service = {})
public final class BuiltinIoctls {
    private final IoctlRegistrations registrations;

    @Activate
    public BuiltinIoctls(BundleContext context, @Reference Host host) {
        this.registrations = register(new IoctlRegistrations(context), host);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }

    static IoctlRegistrations register(IoctlRegistrations regs, Host host) {
        HostScratch scratch = new HostScratch(host.memory());
        regs.add("FIONBIO", new NonBlockingIoctl(host), FIONBIO)
            .add("FIOCLEX", new CloseOnExecIoctl(true), FIOCLEX)
            .add("FIONCLEX", new CloseOnExecIoctl(false), FIONCLEX)
            .add("FIOASYNC", new AsyncIoctl(), FIOASYNC)
            .add("FIONREAD", new BytesAvailableIoctl(host, scratch), FIONREAD);
        return TerminalIoctls.register(regs, host, scratch);
    }
}
