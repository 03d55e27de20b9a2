package org.osgix.kernel.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/**
 * Where a mapping without a fixed address goes. Linux places them top-down below a randomized
 * mmap base near the top of the address space. The JVM that runs the guest maps its own memory
 * in that area, and a forked child's runtime, another JVM with another random base, may hold
 * any address of it; so guest mappings take a window of their own far below: top-down from
 * {@link #TOP} (96 TiB; a JVM's mappings stay within about 1 TiB under the top of the 47-bit
 * space, its heap and class-data archive below 64 GiB), the same in every runtime, so a forked
 * child finds its parent's addresses free. A free hint is taken, as Linux takes it (a hint over
 * memory the guest does not own falls back to the window: the guest never maps over the JVM);
 * MAP_32BIT places in [1 GiB, 2 GiB), as Linux does on x86_64.
 */
final class Placement {
    static final long TOP = 0x6000_0000_0000L;
    /** Below it stay fixed mappings (non-PIE programs, their break) and 32-bit ones. */
    static final long FLOOR = 0x10_0000_0000L;
    static final long LOW_TOP = 0x8000_0000L, LOW_FLOOR = 0x4000_0000L;
    static final int MAP_32BIT = 0x40;
    /** Host memory the guest does not own may sit in free guest gaps: give up after this many. */
    private static final int ATTEMPTS = 256;
    private static final long PAGE_MASK = GuestMemory.PAGE_SIZE - 1;

    private Placement() {
    }

    /** Claims and returns a start for {@code size} bytes, or -ENOMEM. */
    static long place(VmaList vmas, HostReservations reservations, long hint, long size, int flags) {
        long wanted = (hint + PAGE_MASK) & ~PAGE_MASK;
        if (hint != 0 && wanted + size <= AddressSpaceImpl.USER_END && wanted + size > wanted
                && !vmas.intersects(wanted, wanted + size) && reservations.claim(wanted, wanted + size) == 0) {
            return wanted;
        }
        boolean low = (flags & MAP_32BIT) != 0;
        long top = low ? LOW_TOP : TOP;
        long floor = low ? LOW_FLOOR : FLOOR;
        for (int i = 0; i < ATTEMPTS; i++) {
            long start = vmas.freeGapBelow(top, size, floor);
            if (start < 0) {
                return -Errno.ENOMEM;
            }
            if (reservations.claim(start, start + size) == 0) {
                return start;
            }
            // host memory the guest does not own (another address space of this JVM, the JVM
            // itself) is in that gap: look below its lowest part
            top = Math.min(start, lowestHostMapping(start, start + size));
        }
        return -Errno.ENOMEM;
    }

    /** The lowest start of a host mapping that intersects [start, end), or end when none does. */
    private static long lowestHostMapping(long start, long end) {
        long lowest = end;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.ISO_8859_1)) {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ', dash);
                if (dash < 0 || space < 0) {
                    continue;
                }
                long s = Long.parseUnsignedLong(line.substring(0, dash), 16);
                long e = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                if (s < end && e > start) {
                    lowest = Math.min(lowest, Math.max(s, start));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return start;
        }
        return lowest;
    }
}
