package org.osgix.kernel.internal;

import org.osgix.fd.FdTableFactory;
import org.osgix.host.Host;

/** The services a guest process is built from. */
record Machinery(Engines engines, Architectures architectures, FdTableFactory fdTables, Host host,
        Interceptors interceptors, java.util.function.Supplier<org.osgix.signal.SignalDelivery> signals, HostSignals hostSignals,
        ChildRuntimes runtimes, SpareRuntimes spares) {
}
