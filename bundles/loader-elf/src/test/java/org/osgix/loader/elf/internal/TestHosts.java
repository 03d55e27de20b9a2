package org.osgix.loader.elf.internal;

import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;

/** The {@link Host} the tests use: the real host-posix implementation. */
final class TestHosts {
    private static final Host HOST = new PosixHost();

    private TestHosts() {
    }

    static Host host() {
        return HOST;
    }
}
