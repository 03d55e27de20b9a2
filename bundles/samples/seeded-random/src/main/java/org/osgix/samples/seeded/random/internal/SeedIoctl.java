package org.osgix.samples.seeded.random.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.ioctl.IoctlRequests;
import org.osgix.syscall.SyscallContext;

/**
 * A new request code: {@code ioctl(fd, RNDGETSEED, uint64_t *seed)} stores the calling process's
 * seed. It uses the random driver's type 'R' with a number Linux leaves unused, so on a real
 * /dev/urandom it fails (EINVAL).
 */
final class SeedIoctl implements IoctlHandler {
    static final long RNDGETSEED = IoctlRequests.encode(IoctlRequests.IOC_READ, 'R', 0x40, Long.BYTES);

    private final Seeds seeds;

    SeedIoctl(Seeds seeds) {
        this.seeds = seeds;
    }

    @Override
    public long ioctl(SyscallContext call, FdSnapshot descriptor, long request, long arg) {
        call.memory().writeLong(arg, seeds.seedOf(call.process())); // a bad pointer: GuestFault → EFAULT
        return 0;
    }
}
