package org.osgix.io.ioctl.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.syscall.SyscallContext;

/**
 * FIONBIO (argument: pointer to int): sets O_NONBLOCK when the int is non-zero, clears it
 * otherwise, on the open file description (so every dup sees it, as on Linux) and on its host fd.
 */
final class NonBlockingIoctl implements IoctlHandler {
    private final Host host;

    NonBlockingIoctl(Host host) {
        this.host = host;
    }

    @Override
    public long ioctl(SyscallContext call, FdSnapshot descriptor, long request, long arg) {
        boolean on = call.memory().readInt(arg) != 0; // a bad pointer faults: EFAULT
        OpenFile file = descriptor.file();
        // the same lock as fcntl(F_SETFL), so the description and the host fd agree
        synchronized (file) {
            int hostFd = file.hostFd();
            if (hostFd >= 0) {
                int flags = host.fcntl(hostFd, Host.F_GETFL, 0);
                if (flags < 0) {
                    return flags;
                }
                int wanted = on ? flags | OpenFile.O_NONBLOCK : flags & ~OpenFile.O_NONBLOCK;
                if (wanted != flags) {
                    int r = host.fcntl(hostFd, Host.F_SETFL, wanted);
                    if (r < 0) {
                        return r;
                    }
                }
            }
            file.updateStatusFlags(OpenFile.O_NONBLOCK, on ? OpenFile.O_NONBLOCK : 0);
        }
        return 0;
    }
}
