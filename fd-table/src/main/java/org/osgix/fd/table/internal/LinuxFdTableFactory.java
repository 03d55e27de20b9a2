package org.osgix.fd.table.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgix.fd.FdTable;
import org.osgix.fd.FdTableFactory;
import org.osgix.host.Host;

/** Makes Linux descriptor tables whose host fds are closed through the {@link Host}. */
@Component(service = FdTableFactory.class)
public final class LinuxFdTableFactory implements FdTableFactory {
    private final Host host;

    @Activate
    public LinuxFdTableFactory(@Reference(name = "host") Host host) {
        this.host = host;
    }

    @Override
    public FdTable newTable(int limit) {
        return new DescriptorTable(host, limit);
    }
}
