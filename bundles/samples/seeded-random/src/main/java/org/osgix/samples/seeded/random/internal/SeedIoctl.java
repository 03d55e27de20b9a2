package org.osgix.samples.seeded.random.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FileKind;
import org.osgix.ioctl.Ioctl;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.syscall.SyscallContext;

/**
 * A new request code: {@code ioctl(fd, RNDGETSEED, uint64_t *seed)} stores the calling process's
 * seed. It uses the random driver's type 'R' with a number Linux leaves unused, so on a real
 * /dev/urandom it fails (EINVAL).
 */
@Component(service = IoctlHandler.class, configurationPid = Seeds.PID)
@Ioctl(name = "RNDGETSEED", request = SeedIoctl.RNDGETSEED, kind = FileKind.CHARACTER_DEVICE)
@ServiceRanking(Seeds.RANKING)
public final class SeedIoctl implements IoctlHandler {
    /** {@code _IOR('R', 0x40, __u64)}; a constant, as an annotation value must be. */
    static final long RNDGETSEED = 0x80085240L;

    private final Seeds seeds;

    @Activate
    public SeedIoctl(Seed seed) {
        this(new Seeds(seed.value()));
    }

    SeedIoctl(Seeds seeds) {
        this.seeds = seeds;
    }

    @Override
    public long ioctl(SyscallContext call, FdSnapshot descriptor, long request, long arg) {
        call.memory().writeLong(arg, seeds.seedOf(call.process())); // a bad pointer: GuestFault → EFAULT
        return 0;
    }
}
