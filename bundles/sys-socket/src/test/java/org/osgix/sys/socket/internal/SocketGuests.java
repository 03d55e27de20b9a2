package org.osgix.sys.socket.internal;

import org.osgix.fd.table.internal.LinuxFdTableFactory;
import org.osgix.host.Host;
import org.osgix.test.support.Guest;

/** The family's test guest: its handlers over the real host layer and descriptor table. */
final class SocketGuests {
    private SocketGuests() {
    }

    static Guest guest(Host host, Policies policies) {
        return new Guest(host, new LinuxFdTableFactory(host).newTable(1024), 16, "/test",
            (regs, h) -> SocketFamily.register(regs, h, policies, new SocketSigPipe()));
    }
}
