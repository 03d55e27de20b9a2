package org.osgix.samples.seeded.random.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.Syscall;
import org.osgix.syscall.SyscallContext;
import org.osgix.syscall.SyscallHandler;

/**
 * getrandom(buf, count, flags) with seeded bytes, overriding the standard handler (a higher
 * ranking). Flags are checked as Linux checks them; a call returns at most {@value #MAX_BYTES}
 * bytes, which Linux allows for requests over 256 bytes. Installing the bundle changes what
 * running guests get from their next getrandom; uninstalling it gives them the host's randomness
 * back.
 */
@Component(service = SyscallHandler.class, configurationPid = Seeds.PID)
@Syscall(name = "getrandom", family = "seeded-random", support = SyscallHandler.SUPPORT_PARTIAL,
        note = "deterministic SplitMix64 bytes from a seed; at most 64 KiB a call")
@ServiceRanking(Seeds.RANKING)
public final class SeededGetrandom implements SyscallHandler {
    static final int GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;
    static final int MAX_BYTES = 64 * 1024;

    private final Seeds seeds;

    @Activate
    public SeededGetrandom(Seed seed) {
        this(new Seeds(seed.value()));
    }

    SeededGetrandom(Seeds seeds) {
        this.seeds = seeds;
    }

    @Override
    public long handle(SyscallContext call) {
        return getrandom(call);
    }

    long getrandom(SyscallContext call) {
        long addr = call.arg0();
        long count = call.arg1();
        int flags = call.intArg(2);
        if ((flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0
                || (flags & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE)) {
            return -Errno.EINVAL;
        }
        int len = (int) (Long.compareUnsigned(count, MAX_BYTES) > 0 ? MAX_BYTES : count);
        if (len == 0) {
            return 0;
        }
        if (!call.memory().isAccessible(addr, len, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        byte[] bytes = new byte[len];
        seeds.generatorOf(call.process()).nextBytes(bytes, len);
        call.memory().write(addr, bytes, 0, len);
        return len;
    }
}
