package org.osgix.loader.elf.internal;

import org.osgix.host.Host;

/** The {@link Host} the tests use. */
final class TestHosts {
    private static final Host HOST = new JnaTestHost();

    private TestHosts() {
    }

    static Host host() {
        return HOST;
    }
}
