package org.osgix.io.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.syscall.support.SyscallRegistrations;

/** The I/O family: data transfer on open descriptors and the file offset. */
@Component(service = {})
public final class IoFamily {
    static final String FAMILY = "io";

    private final SyscallRegistrations registrations;

    @Activate
    public IoFamily(BundleContext context, @Reference Host host) {
        this.registrations = register(new SyscallRegistrations(context, FAMILY), host);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }

    /** Registers every handler of the family. */
    static SyscallRegistrations register(SyscallRegistrations regs, Host host) {
        ReadWrite readWrite = new ReadWrite(host);
        Vectored vectored = new Vectored(host);
        Seek seek = new Seek(host);
        return regs
            .full("read", readWrite::read)
            .full("write", readWrite::write)
            .full("pread64", readWrite::pread64)
            .full("pwrite64", readWrite::pwrite64)
            .full("readv", vectored::readv)
            .full("writev", vectored::writev)
            .full("lseek", seek::lseek);
    }
}
