package org.osgix.sys.poll.internal;

import org.osgix.host.Host;
import org.osgix.poll.PollEvents;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * select and pselect6. The three fd_sets are arrays of 64-bit words (bit fd%64 of word fd/64);
 * a set bit for a descriptor that is not open fails the call with EBADF (unlike poll). On return
 * each given set holds only the ready descriptors, and the time left is written back.
 */
final class SelectCalls {
    /** What makes a descriptor readable, writable, exceptional for select (Linux's POLL*_SET). */
    static final int READ_SET = PollEvents.IN | PollEvents.RDNORM | PollEvents.RDBAND | PollEvents.HUP | PollEvents.ERR;
    static final int WRITE_SET = PollEvents.OUT | PollEvents.WRNORM | PollEvents.WRBAND | PollEvents.ERR;
    static final int EXCEPT_SET = PollEvents.PRI;
    private static final int ASK_READ = PollEvents.IN | PollEvents.RDNORM | PollEvents.RDBAND;
    private static final int ASK_WRITE = PollEvents.OUT | PollEvents.WRNORM | PollEvents.WRBAND;

    private final Host host;
    private final EpollRegistry registry;

    private final SignalMasks masks;

    SelectCalls(Host host, EpollRegistry registry, SignalMasks masks) {
        this.host = host;
        this.registry = registry;
        this.masks = masks;
    }

    long select(SyscallContext call) {
        long timeoutAddr = call.arg4();
        long timeout = Timeouts.readTimeval(call.memory(), timeoutAddr);
        if (timeout == Timeouts.INVALID) {
            return -Errno.EINVAL;
        }
        long deadline = Timeouts.deadline(timeout);
        long r = selectCatchingFaults(call, timeout, deadline);
        Timeouts.writeBack(call.memory(), timeoutAddr, timeout, deadline, true);
        return r;
    }

    long pselect6(SyscallContext call) {
        long timeoutAddr = call.arg4();
        long timeout = Timeouts.readTimespec(call.memory(), timeoutAddr);
        if (timeout == Timeouts.INVALID) {
            return -Errno.EINVAL;
        }
        long deadline = Timeouts.deadline(timeout);
        int mask = SignalMasks.checkPacked(call.memory(), call.arg5());
        if (mask < 0) {
            return mask;
        }
        long maskAddr = call.arg5() == 0 ? 0 : call.memory().readLong(call.arg5());
        long r = masks.during(call, maskAddr, () -> selectCatchingFaults(call, timeout, deadline));
        Timeouts.writeBack(call.memory(), timeoutAddr, timeout, deadline, false);
        return r;
    }

    /** Linux writes the time left back even when the sets fault. */
    private long selectCatchingFaults(SyscallContext call, long timeout, long deadline) {
        try {
            return select(call, call.intArg(0), call.arg1(), call.arg2(), call.arg3(), timeout, deadline);
        } catch (GuestFault fault) {
            return -Errno.EFAULT;
        }
    }

    private long select(SyscallContext call, int n, long inAddr, long outAddr, long exAddr, long timeout,
            long deadline) {
        if (n < 0) {
            return -Errno.EINVAL;
        }
        // like Linux, which looks no further than its descriptor table
        n = Math.min(n, call.fds().limit());
        GuestMemory memory = call.memory();
        int words = (n + 63) / 64;
        long[] in = readSet(memory, inAddr, words);
        long[] out = readSet(memory, outAddr, words);
        long[] ex = readSet(memory, exAddr, words);
        int count = 0;
        for (int fd = 0; fd < n; fd++) {
            if (wanted(in, out, ex, fd) != 0) {
                count++;
            }
        }
        int[] fdOf = new int[count];
        try (PolledFds fds = new PolledFds(host, count)) {
            int i = 0;
            for (int fd = 0; fd < n; fd++) {
                int ask = wanted(in, out, ex, fd);
                if (ask != 0) {
                    fdOf[i] = fd;
                    if (!fds.set(call, i++, fd, ask)) {
                        return -Errno.EBADF;
                    }
                }
            }
            while (true) {
                fds.pollNow();
                long[] readyIn = in == null ? null : new long[words];
                long[] readyOut = out == null ? null : new long[words];
                long[] readyEx = ex == null ? null : new long[words];
                int ready = 0;
                for (int k = 0; k < count; k++) {
                    int rev = fds.revents[k];
                    int fd = fdOf[k];
                    ready += mark(readyIn, in, fd, rev & READ_SET);
                    ready += mark(readyOut, out, fd, rev & WRITE_SET);
                    ready += mark(readyEx, ex, fd, rev & EXCEPT_SET);
                }
                long left = Timeouts.remaining(timeout, deadline);
                if (ready > 0 || left == 0) {
                    writeSet(memory, inAddr, readyIn);
                    writeSet(memory, outAddr, readyOut);
                    writeSet(memory, exAddr, readyEx);
                    return ready;
                }
                int r = fds.await(call, registry, left);
                if (r < 0) {
                    return r;
                }
            }
        }
    }

    private static int wanted(long[] in, long[] out, long[] ex, int fd) {
        return (isSet(in, fd) ? ASK_READ : 0) | (isSet(out, fd) ? ASK_WRITE : 0) | (isSet(ex, fd) ? EXCEPT_SET : 0);
    }

    private static boolean isSet(long[] set, int fd) {
        return set != null && (set[fd >>> 6] & (1L << (fd & 63))) != 0;
    }

    /** Sets {@code fd} in {@code ready} when it was asked for in {@code asked} and {@code hit}; returns 1 if so. */
    private static int mark(long[] ready, long[] asked, int fd, int hit) {
        if (hit == 0 || !isSet(asked, fd)) {
            return 0;
        }
        ready[fd >>> 6] |= 1L << (fd & 63);
        return 1;
    }

    private static long[] readSet(GuestMemory memory, long addr, int words) {
        if (addr == 0) {
            return null;
        }
        long[] set = new long[words];
        for (int w = 0; w < words; w++) {
            set[w] = memory.readLong(addr + 8L * w);
        }
        return set;
    }

    private static void writeSet(GuestMemory memory, long addr, long[] set) {
        if (set == null) {
            return;
        }
        for (int w = 0; w < set.length; w++) {
            memory.writeLong(addr + 8L * w, set[w]);
        }
    }
}
