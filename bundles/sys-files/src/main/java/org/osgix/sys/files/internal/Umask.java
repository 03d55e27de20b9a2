package org.osgix.sys.files.internal;

import org.osgix.host.Host;
import org.osgix.syscall.SyscallContext;

/**
 * umask(2): the host process's umask is the guest's (one guest process per JVM), so the host
 * applies it to every creation exactly as Linux would.
 */
final class Umask {
    private final Host host;

    Umask(Host host) {
        this.host = host;
    }

    long umask(SyscallContext call) {
        return host.umask(call.intArg(0) & 0777);
    }
}
