package org.osgix.kernel.internal;

import static org.osgix.syscall.PollFlags.POLLIN;

import java.util.function.BooleanSupplier;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;

/**
 * An interruptible wait on a host object: ppoll on an fd together with a per-thread eventfd, or a
 * host futex together with a per-thread futex word (futex_waitv), both of which
 * {@link #interrupt()} and {@link #kick()} raise, so exit_group and signals end a blocked wait.
 */
final class HostWaiter {
    private static final int EFD_NONBLOCK_CLOEXEC = 0x800 | 0x80000;
    private static final int FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_PRIVATE = 1 | 128, MATCH_ANY = -1;
    private static final int FUTEX2_SIZE_U32 = 2, FUTEX2_PRIVATE = 128, CLOCK_MONOTONIC = 1;
    /** Without futex_waitv a wait sleeps in slices this long, checking for interruption between them. */
    private static final long SLICE_NANOS = 20_000_000;
    /** The buffer: pollfd[2], the eventfd counter (16) and write value (24), two futex_waitv, a timespec, the word. */
    private static final int WAITV = 32, TIMESPEC = WAITV + 48, WORD = TIMESPEC + 16, SIZE = WORD + 8;
    /** Cleared for good when the host has no futex_waitv (Linux before 5.16). */
    private static volatile boolean hostHasWaitv = true;

    private final Host host;
    private final NativeMemory mem;
    private volatile boolean interrupted;
    private int wakeFd = -1;
    /** See {@link #SIZE}; allocated with the eventfd on the first wait. */
    private long buffer;

    HostWaiter(Host host) {
        this.host = host;
        this.mem = host.memory();
    }

    private synchronized boolean open() {
        if (buffer == 0) {
            int fd = host.eventfd(0, EFD_NONBLOCK_CLOEXEC);
            if (fd < 0) {
                return false;
            }
            wakeFd = fd;
            buffer = mem.allocate(SIZE);
            mem.putInt(buffer + WORD, interrupted ? 1 : 0);
        }
        return true;
    }

    int await(int hostFd, int events, long timeoutNanos) {
        if (!open()) {
            return -Errno.ENOMEM;
        }
        long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
        while (true) {
            if (interrupted) {
                return -Errno.EINTR;
            }
            mem.putInt(buffer, hostFd);
            mem.putInt(buffer + 4, events & 0xffff);
            mem.putInt(buffer + 8, wakeFd);
            mem.putInt(buffer + 12, POLLIN);
            long left = timeoutNanos < 0 ? -1 : Math.max(0, deadline - System.nanoTime());
            int r = host.ppoll(buffer, 2, left);
            if (r == -Errno.EINTR) {
                continue; // a host signal, not a guest interruption
            }
            if (r < 0) {
                return r;
            }
            if ((mem.getInt(buffer + 12) >>> 16) != 0) {
                host.read(wakeFd, buffer + 16, 8);
                return -Errno.EINTR;
            }
            if (r == 0) {
                return 0;
            }
            return mem.getInt(buffer + 4) >>> 16;
        }
    }

    /**
     * Waits on the host futex at {@code address} (see {@code GuestThread.awaitHostFutex}); a
     * futex_waitv on it and this thread's word, which {@link #kick()} and {@link #interrupt()}
     * raise. A bitset other than all ones needs FUTEX_WAIT_BITSET, which waits on one word only:
     * it sleeps in slices and checks {@code interruptedThread} between them (a wake landing in
     * the microseconds between two slices is missed; the next slice sees the changed word).
     */
    int awaitFutex(long address, int expected, int bitset, boolean timed, long deadline,
            BooleanSupplier interruptedThread) {
        if (!open()) {
            return -Errno.ENOMEM;
        }
        while (true) {
            if (interrupted || interruptedThread.getAsBoolean() || mem.getInt(buffer + WORD) != 0) {
                return -Errno.EINTR;
            }
            boolean withWord = bitset == MATCH_ANY && hostHasWaitv;
            long r = withWord ? waitWithWord(address, expected, timed, deadline)
                    : waitSlice(address, expected, bitset, timed, deadline);
            if (r == -Errno.ENOSYS && withWord) {
                hostHasWaitv = false;
                continue;
            }
            if (r == 0 || r == -Errno.ETIMEDOUT || r == -Errno.EAGAIN && mem.getInt(buffer + WORD) == 0) {
                return (int) r;
            }
            if (r < 0 && r != -Errno.EAGAIN && r != -Errno.EINTR) {
                return (int) r; // EFAULT...
            }
            // our word was raised (the loop's check says EINTR), a host signal, or a slice ended
        }
    }

    /** futex_waitv on the guest's word and this thread's: 0 for the guest's, 1 for ours, or -errno. */
    private long waitWithWord(long address, int expected, boolean timed, long deadline) {
        long w = buffer + WAITV;
        mem.putLong(w, expected & 0xffff_ffffL);
        mem.putLong(w + 8, address);
        mem.putLong(w + 16, FUTEX2_SIZE_U32);
        mem.putLong(w + 24, 0);
        mem.putLong(w + 32, buffer + WORD);
        mem.putLong(w + 40, FUTEX2_SIZE_U32 | FUTEX2_PRIVATE);
        return host.futexWaitv(w, 2, timed ? timespec(deadline) : 0, CLOCK_MONOTONIC);
    }

    /** One FUTEX_WAIT_BITSET of at most a slice: -ETIMEDOUT only when the deadline passed, 1 after a slice. */
    private long waitSlice(long address, int expected, int bitset, boolean timed, long deadline) {
        long sliceEnd = System.nanoTime() + SLICE_NANOS;
        boolean last = timed && deadline - sliceEnd <= 0;
        long r = host.futex(address, FUTEX_WAIT_BITSET, expected, timespec(last ? deadline : sliceEnd), 0, bitset);
        return r == -Errno.ETIMEDOUT && !last ? 1 : r;
    }

    /** An absolute CLOCK_MONOTONIC timespec (System.nanoTime is that clock on Linux) in the buffer. */
    private long timespec(long nanoTime) {
        long ts = buffer + TIMESPEC;
        mem.putLong(ts, Math.floorDiv(nanoTime, 1_000_000_000L));
        mem.putLong(ts + 8, Math.floorMod(nanoTime, 1_000_000_000L));
        return ts;
    }

    synchronized void interrupt() {
        interrupted = true;
        raise();
    }

    /** Ends the current or next wait with -EINTR once (a signal), without ending later ones. */
    synchronized void kick() {
        raise();
    }

    private void raise() {
        if (wakeFd >= 0) {
            mem.putLong(buffer + 24, 1);
            host.write(wakeFd, buffer + 24, 8);
            mem.putInt(buffer + WORD, 1);
            host.futex(buffer + WORD, FUTEX_WAKE_PRIVATE, Integer.MAX_VALUE, 0, 0, 0);
        }
    }

    /** Forgets a kick no wait consumed (the signal it was for is being delivered now). */
    synchronized void clearKick() {
        if (wakeFd >= 0) {
            host.read(wakeFd, buffer + 24, 8); // non-blocking: EAGAIN when there was none
            if (!interrupted) {
                mem.putInt(buffer + WORD, 0);
            }
        }
    }

    synchronized void close() {
        if (wakeFd >= 0) {
            host.close(wakeFd);
            wakeFd = -1;
        }
        if (buffer != 0) {
            mem.free(buffer);
            buffer = 0;
        }
    }
}
