package org.osgix.sys.info.internal;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;

/**
 * getrusage and times over the guest's own threads, not the JVM's. Times are the guest threads'
 * ({@link GuestProcess#cpuTimeNanos}); ru_maxrss is the guest's resident memory (mincore over its
 * mappings), the highest seen by these calls; the fault and context-switch counters of
 * RUSAGE_SELF and RUSAGE_THREAD are the calling thread's. Children are runtimes, so
 * RUSAGE_CHILDREN (and times' child fields) are the host's for them, JVM threads included, less
 * what the runtime had reaped before the guest started.
 */
final class Usage {
    static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;
    static final int RUSAGE_SIZE = 144, TMS_SIZE = 32;
    /** The fields after the two timevals: ru_maxrss first. */
    private static final int MAXRSS = 32;
    /** USER_HZ: clock_t ticks per second. */
    static final long TICKS = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS;
    private static final int CLOCK_MONOTONIC = 1;
    /** Pages per mincore call (a 64 KiB vector). */
    private static final long CHUNK_PAGES = 1 << 16;

    /** The highest resident size reported to this process (ru_maxrss is a high-water mark). */
    static final class Peak {
        long kib;
    }

    private final Host host;
    /**
     * The host's RUSAGE_CHILDREN before the guest ran: what the launcher reaped before it became
     * this runtime (./osgix's own helpers) is not the guest's.
     */
    private final long[] childrenBefore;

    Usage(Host host) {
        this.host = host;
        this.childrenBefore = childrenNow(host);
    }

    private static long[] childrenNow(Host host) {
        NativeMemory scratch = host.memory();
        long buf = scratch.allocate(RUSAGE_SIZE);
        try {
            long[] fields = new long[RUSAGE_SIZE / 8];
            if (host.getrusage(RUSAGE_CHILDREN, buf) == 0) {
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = scratch.getLong(buf + 8L * i);
                }
            }
            return fields;
        } finally {
            scratch.free(buf);
        }
    }

    /**
     * The guest's children's usage into {@code buf}: the host's minus what was there before the
     * guest ran; ru_maxrss (a maximum, not a sum) only once a guest child has been reaped.
     */
    private int children(NativeMemory scratch, long buf) {
        long[] now = childrenNow(host);
        boolean reaped = false;
        for (int i = 0; i < now.length; i++) {
            long own = now[i] - childrenBefore[i];
            reaped |= own != 0 && i != MAXRSS / 8;
            scratch.putLong(buf + 8L * i, i == MAXRSS / 8 ? now[i] : own);
        }
        if (!reaped) {
            scratch.putLong(buf + MAXRSS, 0);
        }
        // a timeval's microseconds may have gone below 0 in the subtraction
        for (int tv = 0; tv < 32; tv += 16) {
            long usec = scratch.getLong(buf + tv + 8);
            if (usec < 0) {
                scratch.putLong(buf + tv + 8, usec + 1_000_000);
                scratch.putLong(buf + tv, scratch.getLong(buf + tv) - 1);
            }
        }
        return 0;
    }

    /** getrusage(who, usage): EINVAL for another who, EFAULT for a bad pointer. */
    long getrusage(SyscallContext call) {
        int who = call.intArg(0);
        if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) {
            return -Errno.EINVAL;
        }
        long addr = call.addressArg(1);
        NativeMemory scratch = host.memory();
        long buf = scratch.allocate(RUSAGE_SIZE);
        try {
            int r = who == RUSAGE_CHILDREN ? children(scratch, buf) : host.getrusage(RUSAGE_THREAD, buf);
            if (r < 0) {
                return r;
            }
            if (who != RUSAGE_CHILDREN) {
                if (who == RUSAGE_SELF) {
                    long[] times = call.process().cpuTimeNanos();
                    putTimeval(scratch, buf, times[0]);
                    putTimeval(scratch, buf + 16, times[1]);
                }
                scratch.putLong(buf + MAXRSS, maxResidentKib(call.process()));
            }
            byte[] bytes = new byte[RUSAGE_SIZE];
            scratch.get(buf, bytes, 0, RUSAGE_SIZE);
            call.memory().write(addr, bytes, 0, RUSAGE_SIZE);
            return 0;
        } finally {
            scratch.free(buf);
        }
    }

    /** times(tms): NULL is allowed; the result is clock ticks since an arbitrary point (here: the host's boot). */
    long times(SyscallContext call) {
        long addr = call.addressArg(0);
        if (addr != 0) {
            long[] self = call.process().cpuTimeNanos();
            NativeMemory scratch = host.memory();
            long buf = scratch.allocate(RUSAGE_SIZE);
            try {
                children(scratch, buf);
                GuestMemory memory = call.memory();
                if (!memory.isAccessible(addr, TMS_SIZE, GuestMemory.PROT_WRITE)) {
                    return -Errno.EFAULT;
                }
                memory.writeLong(addr, self[0] / NANOS_PER_TICK);
                memory.writeLong(addr + 8, self[1] / NANOS_PER_TICK);
                memory.writeLong(addr + 16, ticks(scratch, buf));
                memory.writeLong(addr + 24, ticks(scratch, buf + 16));
            } finally {
                scratch.free(buf);
            }
        }
        return monotonicTicks();
    }

    private long monotonicTicks() {
        NativeMemory scratch = host.memory();
        long ts = scratch.allocate(16);
        try {
            host.clockGettime(CLOCK_MONOTONIC, ts);
            return scratch.getLong(ts) * TICKS + scratch.getLong(ts + 8) / NANOS_PER_TICK;
        } finally {
            scratch.free(ts);
        }
    }

    private static long ticks(NativeMemory scratch, long timeval) {
        return scratch.getLong(timeval) * TICKS + scratch.getLong(timeval + 8) / (1_000_000 / TICKS);
    }

    private static void putTimeval(NativeMemory scratch, long at, long nanos) {
        scratch.putLong(at, nanos / 1_000_000_000L);
        scratch.putLong(at + 8, nanos % 1_000_000_000L / 1000);
    }

    /** The guest's resident KiB now, or the highest reported before. */
    private long maxResidentKib(GuestProcess process) {
        long now = residentKib(process.memory());
        Peak peak = process.state(Peak.class, Peak::new);
        synchronized (peak) {
            peak.kib = Math.max(peak.kib, now);
            return peak.kib;
        }
    }

    /** Resident pages of the guest's accessible mappings (PROT_NONE reservations hold none). */
    private long residentKib(AddressSpace space) {
        NativeMemory scratch = host.memory();
        long vec = scratch.allocate(CHUNK_PAGES);
        long pages = 0;
        try {
            for (AddressSpace.Mapping m : space.mappings()) {
                if (m.prot() == 0) {
                    continue;
                }
                for (long at = m.start(); at < m.end(); at += CHUNK_PAGES * GuestMemory.PAGE_SIZE) {
                    long len = Math.min(m.end() - at, CHUNK_PAGES * GuestMemory.PAGE_SIZE);
                    if (host.mincore(at, len, vec) < 0) {
                        continue; // unmapped meanwhile
                    }
                    for (long i = 0; i < len / GuestMemory.PAGE_SIZE; i++) {
                        pages += scratch.getByte(vec + i) & 1;
                    }
                }
            }
        } finally {
            scratch.free(vec);
        }
        return pages * (GuestMemory.PAGE_SIZE / 1024);
    }
}
