package org.osgix.files.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * A blocking open of a FIFO, which waits until the other end is opened. The host's open could
 * not be interrupted, so it runs on a helper thread while the guest thread waits interruptibly;
 * when exit_group (or a signal) interrupts the guest thread, the helper's open is released by
 * opening the other end without blocking, and the guest gets EINTR.
 */
final class FifoOpen {
    private static final int S_IFMT = 0170000, S_IFIFO = 0010000;
    private static final int ST_MODE = 24;

    private final Host host;
    private final Scratch scratch;
    /** Helper threads are daemons and end after a minute without work. */
    private final ExecutorService openers = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "osgix-fifo-open");
        t.setDaemon(true);
        return t;
    });

    FifoOpen(Host host, Scratch scratch) {
        this.host = host;
        this.scratch = scratch;
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
        return r == 0 && (scratch.memory().getInt(stat + ST_MODE) & S_IFMT) == S_IFIFO;
    }

    /** The host fd, or a negative errno (EINTR when the guest thread was interrupted). */
    int open(SyscallContext call, AtPath at, int flags, int mode, long resolve) {
        Future<Integer> opening = openers.submit(() -> Open.hostOpen(host, at, flags, mode, resolve));
        try {
            return opening.get();
        } catch (InterruptedException e) {
            release(at, flags, resolve);
            int fd = awaitUninterruptibly(opening);
            if (fd >= 0) {
                host.close(fd);
            }
            return -Errno.EINTR;
        } catch (ExecutionException e) {
            throw new IllegalStateException("FIFO open failed", e.getCause());
        }
    }

    /** Opens the other end without blocking, which completes the waiting open. */
    private void release(AtPath at, int flags, long resolve) {
        int otherEnd = (flags & OpenFile.O_ACCMODE) == OpenFile.O_WRONLY ? OpenFile.O_RDONLY : OpenFile.O_WRONLY;
        int fd = Open.hostOpen(host, at, otherEnd | OpenFile.O_NONBLOCK | OpenFile.O_CLOEXEC, 0, resolve);
        if (fd >= 0) {
            host.close(fd);
        }
    }

    /** The released open's result (it returns promptly once the other end was opened). */
    private static int awaitUninterruptibly(Future<Integer> opening) {
        while (true) {
            try {
                return opening.get();
            } catch (InterruptedException again) {
                // keep waiting: the helper holds the pinned directory until it returns
            } catch (ExecutionException e) {
                return -Errno.EINTR;
            }
        }
    }
}
