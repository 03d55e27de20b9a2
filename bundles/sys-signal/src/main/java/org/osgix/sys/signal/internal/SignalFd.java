package org.osgix.sys.signal.internal;

import org.osgix.fd.OpenFile;
import org.osgix.fd.ReadableAttachment;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/**
 * One signalfd: its mask and its readiness carrier. The description's host fd is a host epoll
 * instance watching a host eventfd ({@code levelFd}) that this object keeps readable exactly while
 * a signal of the mask is pending for the process or one of its threads, so poll, select and
 * epoll (either backend) see the signalfd as host readiness. An epoll fd, not the eventfd itself,
 * is the carrier because it reports only POLLIN and answers write, pread and fstat as a signalfd
 * does (EINVAL, ESPIPE, an anonymous inode). Reads dequeue from the pending sets ({@link #read}).
 * Mask, level and the carrier's writes are guarded by the process's {@link SignalState}.
 */
final class SignalFd implements ReadableAttachment {
    private final Host host;
    private final SignalState state;
    private final GuestProcess process;
    /** The eventfd the carrier epoll watches; closed by {@link #released()}. */
    final int levelFd;
    /** An 8-byte host buffer for the eventfd's counter. */
    private final long counter;
    private long mask;
    private boolean readable;
    private boolean closed;

    SignalFd(Host host, SignalState state, GuestProcess process, int levelFd, long mask) {
        this.host = host;
        this.state = state;
        this.process = process;
        this.levelFd = levelFd;
        this.mask = mask;
        this.counter = host.memory().allocate(8);
    }

    /** Under the state's monitor. */
    long mask() {
        return mask;
    }

    /** A new mask from signalfd4 on this fd; under the state's monitor. */
    void setMask(long next) {
        mask = next;
        refresh();
    }

    /** Brings the carrier in step with the pending sets; under the state's monitor. */
    void refresh() {
        if (closed) {
            return;
        }
        long pending = state.processPending.mask;
        for (GuestThread t : process.threads()) {
            pending |= state.thread(t.tid()).pending.mask;
        }
        boolean now = (pending & mask) != 0;
        if (now == readable) {
            return;
        }
        readable = now;
        if (now) {
            host.memory().putLong(counter, 1);
            host.write(levelFd, counter, 8);
        } else {
            host.read(levelFd, counter, 8); // drains the counter: the eventfd is non-blocking
        }
    }

    /** The description is gone: stop tracking and close the eventfd; under the state's monitor. */
    void released() {
        if (closed) {
            return;
        }
        closed = true;
        host.close(levelFd);
        host.memory().free(counter);
    }

    /**
     * Linux's signalfd_read: as many 128-byte records as fit, the thread's own pending signals
     * before the process's; waits for the first one unless non-blocking. EINTR (restarted with
     * SA_RESTART, as Linux's -ERESTARTSYS) when a signal outside the wait ends it.
     */
    @Override
    public long read(SyscallContext call, OpenFile file, long buf, long count) {
        long records = count / SignalFdInfo.SIZE;
        if (records == 0) {
            return -Errno.EINVAL;
        }
        GuestMemory mem = call.memory();
        GuestThread thread = call.thread();
        boolean nonBlocking = (file.statusFlags() & OpenFile.O_NONBLOCK) != 0;
        SignalState.ThreadSignals mine = state.thread(thread.tid());
        long done = 0;
        while (done < records) {
            SigInfo info;
            synchronized (state) {
                info = state.take(mine, mask);
                while (info == null && done == 0 && !nonBlocking) {
                    if (thread.isInterrupted()) {
                        return -Errno.EINTR;
                    }
                    try {
                        state.wait(); // senders notify; a handled signal or exit_group interrupts
                    } catch (InterruptedException e) {
                        // checked on the next turn, after one more look at the pending sets
                    }
                    info = state.take(mine, mask);
                }
            }
            if (info == null) {
                break;
            }
            // guest memory is written outside the state's monitor
            long at = buf + done * SignalFdInfo.SIZE;
            if (!mem.isAccessible(at, SignalFdInfo.SIZE, GuestMemory.PROT_WRITE)) {
                // Linux dequeues before it copies: the signal is lost, as there
                return done > 0 ? done * SignalFdInfo.SIZE : -Errno.EFAULT;
            }
            SignalFdInfo.write(mem, at, info);
            done++;
        }
        return done > 0 ? done * SignalFdInfo.SIZE : -Errno.EAGAIN;
    }
}
