package org.osgix.sys.info.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/** sysinfo: the host's uptime, loads, memory and thread count in a Linux x86_64 {@code struct sysinfo}. */
final class SystemInfo {
    static final int SIZE = 112;
    static final int UPTIME = 0, LOADS = 8, TOTALRAM = 32, FREERAM = 40, SHAREDRAM = 48, BUFFERRAM = 56,
        TOTALSWAP = 64, FREESWAP = 72, PROCS = 80, TOTALHIGH = 88, FREEHIGH = 96, MEM_UNIT = 104;
    private static final int CLOCK_BOOTTIME = 7;
    private static final int MAX_PROCS = 0xffff;

    private final Host host;

    SystemInfo(Host host) {
        this.host = host;
    }

    long sysinfo(SyscallContext call) {
        long addr = call.arg0();
        GuestMemory memory = call.memory();
        if (!memory.isAccessible(addr, SIZE, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        byte[] info = encode(uptimeSeconds(), HostStatistics.read());
        memory.write(addr, info, 0, info.length);
        return 0;
    }

    static byte[] encode(long uptime, HostStatistics stats) {
        ByteBuffer info = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        info.putLong(UPTIME, uptime);
        for (int i = 0; i < 3; i++) {
            info.putLong(LOADS + 8 * i, stats.loads()[i]);
        }
        info.putLong(TOTALRAM, stats.totalRam());
        info.putLong(FREERAM, stats.freeRam());
        info.putLong(SHAREDRAM, stats.sharedRam());
        info.putLong(BUFFERRAM, stats.bufferRam());
        info.putLong(TOTALSWAP, stats.totalSwap());
        info.putLong(FREESWAP, stats.freeSwap());
        info.putShort(PROCS, (short) Math.min(stats.threads(), MAX_PROCS));
        info.putLong(TOTALHIGH, 0);
        info.putLong(FREEHIGH, 0);
        info.putInt(MEM_UNIT, 1); // byte counts: 64-bit fields never need a larger unit
        return info.array();
    }

    /** Seconds since boot rounded up, as the kernel reports them. */
    private long uptimeSeconds() {
        NativeMemory nativeMemory = host.memory();
        long timespec = nativeMemory.allocate(16);
        try {
            if (host.clockGettime(CLOCK_BOOTTIME, timespec) < 0) {
                return 0;
            }
            return nativeMemory.getLong(timespec) + (nativeMemory.getLong(timespec + 8) != 0 ? 1 : 0);
        } finally {
            nativeMemory.free(timespec);
        }
    }
}
