package org.osgix.sys.files.internal;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.spi.AbstractInterruptibleChannel;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.FileStat;
import org.osgix.syscall.support.PerThread;

/**
 * A blocking open that may wait for a FIFO's other end (a read-only or write-only open without
 * O_NONBLOCK). The host's open runs on the guest thread, as every other open does, so a file
 * that is no FIFO costs no extra host call; it is made interruptible by the JDK's interruptible
 * I/O protocol ({@link AbstractInterruptibleChannel}): when exit_group (or a signal) interrupts
 * the guest thread during the open, the interrupting thread <em>releases</em> it, if the path is
 * a FIFO, by opening the FIFO read-write without blocking (that counts as both a reader and a
 * writer) and holding it until the guest's open has returned; the guest then gets EINTR and
 * nothing stays open. A path that is no FIFO is not touched: its open ends by itself and keeps
 * its result.
 */
final class FifoOpen {
    private final Host host;
    private final Scratch scratch;
    private final PerThread<Guard[]> guards = new PerThread<>(() -> new Guard[1]);

    FifoOpen(Host host, Scratch scratch) {
        this.host = host;
        this.scratch = scratch;
    }

    /** The host fd, or a negative errno (EINTR when the guest thread was interrupted). */
    int open(AtPath at, int flags, int mode, long resolve) {
        Guard[] mine = guards.get();
        Guard guard = mine[0];
        if (guard == null || !guard.isOpen()) {
            guard = new Guard(); // a guard an interruption closed cannot be used again
            mine[0] = guard;
        }
        guard.prepare(at, flags, resolve);
        int fd;
        int released;
        guard.enter();
        try {
            fd = Open.hostOpen(host, at, flags, mode, resolve);
        } finally {
            released = guard.finish();
        }
        if (!guard.leave()) {
            return fd;
        }
        if (released < 0) {
            return fd; // interrupted, but no FIFO was waited for: the open ended by itself
        }
        host.close(released);
        if (fd >= 0) {
            host.close(fd);
        }
        Thread.interrupted(); // consumed, as a Java wait's InterruptedException consumes it
        return -Errno.EINTR;
    }

    /** True when the path names a FIFO (following a last symlink unless O_NOFOLLOW). */
    boolean isFifo(AtPath at, long resolve, int flags) {
        long stat = scratch.address();
        int r;
        if (resolve >= 0) {
            int fd = host.openat2(at.hostDirFd(), at.hostPath(),
                OpenFile.O_PATH | OpenFile.O_CLOEXEC | (flags & OpenFile.O_NOFOLLOW), 0, resolve);
            if (fd < 0) {
                return false;
            }
            r = host.fstat(fd, stat);
            host.close(fd);
        } else {
            int noFollow = (flags & OpenFile.O_NOFOLLOW) != 0 ? Host.AT_SYMLINK_NOFOLLOW : 0;
            r = host.fstatat(at.hostDirFd(), at.hostPath(), stat, noFollow);
        }
        return r == 0 && (scratch.memory().getInt(stat + FileStat.ST_MODE) & FileStat.S_IFMT) == FileStat.S_IFIFO;
    }

    /**
     * Opens the FIFO's other end without blocking, which completes a waiting open: read-write
     * when allowed (it serves a waiting reader and a waiting writer, even one that has not
     * started waiting yet), else the opposite end. The fd, or -1 when nothing was opened.
     */
    private int release(AtPath at, int flags, long resolve) {
        if (!isFifo(at, resolve, flags)) {
            return -1;
        }
        int common = OpenFile.O_NONBLOCK | OpenFile.O_CLOEXEC | OpenFile.O_NOCTTY | (flags & OpenFile.O_NOFOLLOW);
        int fd = Open.hostOpen(host, at, OpenFile.O_RDWR | common, 0, resolve);
        if (fd >= 0) {
            return fd;
        }
        int otherEnd = (flags & OpenFile.O_ACCMODE) == OpenFile.O_WRONLY ? OpenFile.O_RDONLY : OpenFile.O_WRONLY;
        fd = Open.hostOpen(host, at, otherEnd | common, 0, resolve);
        return Math.max(fd, -1);
    }

    /**
     * One guest thread's hook into the JDK's interruption of blocking I/O: {@link #implCloseChannel}
     * runs on the interrupting thread while the guest thread is between {@link #enter} and
     * {@link #leave}. The open in flight and the released fd are guarded by the guard's monitor.
     */
    private final class Guard extends AbstractInterruptibleChannel {
        private AtPath at;
        private int flags;
        private long resolve;
        private boolean finished = true;
        private int releasedFd = -1;

        synchronized void prepare(AtPath path, int openFlags, long openResolve) {
            at = path;
            flags = openFlags;
            resolve = openResolve;
            finished = false;
            releasedFd = -1;
        }

        void enter() {
            begin();
        }

        /** Ends the open in flight (a later interruption releases nothing); the released fd or -1. */
        synchronized int finish() {
            finished = true;
            at = null;
            int fd = releasedFd;
            releasedFd = -1;
            return fd;
        }

        /** True when the guest thread was interrupted since {@link #enter}. */
        boolean leave() {
            try {
                end(true);
                return false;
            } catch (ClosedByInterruptException interrupted) {
                return true;
            } catch (IOException cannotHappen) {
                return false; // only an asynchronous close(), which no one calls, throws otherwise
            }
        }

        @Override
        protected synchronized void implCloseChannel() {
            if (!finished && releasedFd < 0) {
                releasedFd = release(at, flags, resolve);
            }
        }
    }
}
