package org.osgix.sys.time.internal;

import org.osgix.host.Host;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * Reading clocks: clock_gettime, clock_getres, gettimeofday and time. Without a vDSO every
 * libc time query is a real syscall, so clock_gettime writes straight into the guest's buffer
 * and allocates nothing.
 */
final class Clocks {
    private static final int TIMEZONE_SIZE = 8;
    private static final long NANOS_PER_MICRO = 1000;

    private final Host host;
    private final ClockResolution resolution;

    Clocks(Host host, ClockResolution resolution) {
        this.host = host;
        this.resolution = resolution;
    }

    /** clock_gettime(clockid, tp). */
    long clockGettime(SyscallContext call) {
        int hostClock = ClockIds.hostClock(call.intArg(0), call);
        if (hostClock == ClockIds.INVALID) {
            return -Errno.EINVAL;
        }
        long buffer = call.memory().hostAddress(call.arg1(), Timespecs.SIZE, GuestMemory.PROT_WRITE);
        if (buffer < 0) {
            return buffer;
        }
        return host.clockGettime(hostClock, buffer);
    }

    /** clock_getres(clockid, res): res may be NULL. */
    long clockGetres(SyscallContext call) {
        int hostClock = ClockIds.hostClock(call.intArg(0), call);
        if (hostClock == ClockIds.INVALID
                || ClockIds.isAlarm(hostClock) && !HostClock.available(host, hostClock)) {
            return -Errno.EINVAL;
        }
        long res = call.arg1();
        return res == 0 ? 0 : Timespecs.write(call.memory(), res, resolution.of(hostClock));
    }

    /** gettimeofday(tv, tz): either may be NULL; the time zone is the kernel's default (zero). */
    long gettimeofday(SyscallContext call) {
        AddressSpace memory = call.memory();
        long tv = call.arg0();
        long tz = call.arg1();
        if (tv != 0) {
            // a timeval has the timespec's size: read the clock in place, then scale ns to µs
            long buffer = memory.hostAddress(tv, Timespecs.SIZE, GuestMemory.PROT_WRITE);
            if (buffer < 0) {
                return buffer;
            }
            int rc = host.clockGettime(ClockIds.REALTIME, buffer);
            if (rc < 0) {
                return rc;
            }
            memory.writeLong(tv + 8, memory.readLong(tv + 8) / NANOS_PER_MICRO);
        }
        if (tz != 0) {
            if (!memory.isAccessible(tz, TIMEZONE_SIZE, GuestMemory.PROT_WRITE)) {
                return -Errno.EFAULT;
            }
            memory.writeLong(tz, 0);
        }
        return 0;
    }

    /** time(tloc): tloc may be NULL. */
    long time(SyscallContext call) {
        long seconds = Math.floorDiv(System.currentTimeMillis(), 1000);
        if (call.arg0() != 0) {
            call.memory().writeLong(call.arg0(), seconds);
        }
        return seconds;
    }
}
