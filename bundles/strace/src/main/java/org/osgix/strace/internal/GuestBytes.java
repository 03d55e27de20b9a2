package org.osgix.strace.internal;

import java.util.Arrays;
import org.osgix.syscall.GuestMemory;

/** Reads guest bytes for printing; every method may throw GuestFault (the caller prints the pointer). */
final class GuestBytes {
    private static final int PAGE = (int) GuestMemory.PAGE_SIZE;

    private GuestBytes() {
    }

    static byte[] read(GuestMemory memory, long addr, int len) {
        byte[] bytes = new byte[len];
        memory.read(addr, bytes, 0, len);
        return bytes;
    }

    /**
     * The bytes of the NUL-terminated string at {@code addr}, at most {@code limit} of them (then
     * the result has exactly {@code limit} bytes and the caller knows the string went on). Reads a
     * page at a time, never past the page holding the NUL.
     */
    static byte[] cString(GuestMemory memory, long addr, int limit) {
        byte[] buf = new byte[Math.min(limit, 256)];
        int n = 0;
        long at = addr;
        while (n < limit) {
            int chunk = (int) Math.min(limit - n, PAGE - (at & (PAGE - 1)));
            if (n + chunk > buf.length) {
                buf = Arrays.copyOf(buf, Math.min(limit, Math.max(buf.length * 2, n + chunk)));
            }
            memory.read(at, buf, n, chunk);
            for (int i = n; i < n + chunk; i++) {
                if (buf[i] == 0) {
                    return Arrays.copyOf(buf, i);
                }
            }
            n += chunk;
            at += chunk;
        }
        return Arrays.copyOf(buf, limit);
    }
}
