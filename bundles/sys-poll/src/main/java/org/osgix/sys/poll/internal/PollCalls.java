package org.osgix.sys.poll.internal;

import static org.osgix.syscall.PollFlags.POLLFD_SIZE;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;

/**
 * poll and ppoll: {@code struct pollfd {int fd; short events; short revents;}} entries; a
 * negative fd is skipped, a closed one reports POLLNVAL while the others are still polled, and
 * every revents is written back.
 */
final class PollCalls {

    private final Host host;
    private final EpollRegistry registry;

    private final SignalMasks masks;

    PollCalls(Host host, EpollRegistry registry, SignalMasks masks) {
        this.host = host;
        this.registry = registry;
        this.masks = masks;
    }

    long poll(SyscallContext call) {
        long timeout = Timeouts.fromMillis(call.intArg(2));
        return poll(call, call.arg0(), call.arg1(), timeout, Timeouts.deadline(timeout));
    }

    long ppoll(SyscallContext call) {
        long timeoutAddr = call.arg2();
        long timeout = Timeouts.readTimespec(call.memory(), timeoutAddr);
        if (timeout == Timeouts.INVALID) {
            return -Errno.EINVAL;
        }
        long deadline = Timeouts.deadline(timeout);
        int mask = SignalMasks.check(call.memory(), call.arg3(), call.arg4());
        if (mask < 0) {
            return mask;
        }
        long r = masks.during(call, call.arg3(), () -> poll(call, call.arg0(), call.arg1(), timeout, deadline));
        Timeouts.writeBack(call.memory(), timeoutAddr, timeout, deadline, false);
        return r;
    }

    private long poll(SyscallContext call, long fdsAddr, long nfdsArg, long timeout, long deadline) {
        long nfds = nfdsArg & 0xffffffffL;
        long limit = call.process().rlimitCurrent(GuestProcess.RLIMIT_NOFILE);
        if (limit != GuestProcess.RLIM_INFINITY && nfds > limit) {
            return -Errno.EINVAL;
        }
        GuestMemory memory = call.memory();
        int n = (int) nfds;
        if (n > 0 && !memory.isAccessible(fdsAddr, (long) n * POLLFD_SIZE, GuestMemory.PROT_READ)) {
            return -Errno.EFAULT;
        }
        try (PolledFds fds = new PolledFds(host, n)) {
            for (int i = 0; i < n; i++) {
                long at = fdsAddr + (long) i * POLLFD_SIZE;
                fds.set(call, i, memory.readInt(at), memory.readInt(at + 4) & 0xffff);
            }
            while (true) {
                int ready = fds.pollNow();
                long left = Timeouts.remaining(timeout, deadline);
                if (ready > 0 || left == 0) {
                    writeRevents(memory, fdsAddr, fds.revents, n);
                    return ready;
                }
                int r = fds.await(call, registry, left);
                if (r < 0) {
                    return r;
                }
            }
        }
    }

    private static void writeRevents(GuestMemory memory, long fdsAddr, int[] revents, int n) {
        byte[] two = new byte[2];
        for (int i = 0; i < n; i++) {
            two[0] = (byte) revents[i];
            two[1] = (byte) (revents[i] >>> 8);
            memory.write(fdsAddr + (long) i * POLLFD_SIZE + 6, two, 0, 2);
        }
    }
}
