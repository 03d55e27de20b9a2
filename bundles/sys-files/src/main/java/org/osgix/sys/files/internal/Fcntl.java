package org.osgix.sys.files.internal;

import static org.osgix.fd.OpenFile.O_APPEND;
import static org.osgix.fd.OpenFile.O_ASYNC;
import static org.osgix.fd.OpenFile.O_DIRECT;
import static org.osgix.fd.OpenFile.O_NOATIME;
import static org.osgix.fd.OpenFile.O_NONBLOCK;

import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * fcntl: descriptor flags and duplication live in the guest's table; status flags in the shared
 * description (mirrored on the host fd); pipe sizes, seals and record locks go to the host fd.
 */
final class Fcntl {
    static final int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7, F_OFD_GETLK = 36, F_OFD_SETLK = 37,
        F_OFD_SETLKW = 38, F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032, F_ADD_SEALS = 1033,
        F_GET_SEALS = 1034;
    static final int FD_CLOEXEC = 1;
    /** The status flags F_SETFL may change (Linux SETFL_MASK); the rest of its argument is ignored. */
    static final int SETTABLE = O_APPEND | O_ASYNC | O_DIRECT | O_NOATIME | O_NONBLOCK;
    /** struct flock on x86_64: type, whence, start, len, pid (+ padding). */
    private static final int FLOCK_SIZE = 32;
    private static final long MAX_LOCK_BACKOFF_MILLIS = 50;

    private final Host host;

    Fcntl(Host host) {
        this.host = host;
    }

    long fcntl(SyscallContext call) {
        int fd = call.fdArg(0);
        int cmd = call.intArg(1);
        long arg = call.arg2();
        FdSnapshot slot = call.fds().get(fd);
        if (slot == null) {
            return -Errno.EBADF;
        }
        OpenFile file = slot.file();
        if (file.kind() == FileKind.PATH && !allowedOnPathFd(cmd)) {
            return -Errno.EBADF;
        }
        // pinned for the whole call, as Linux's fdget: the host fd stays open under every command
        if (slot.pin() == null) {
            return -Errno.EBADF;
        }
        try {
            return command(call, fd, slot, cmd, arg);
        } finally {
            file.unpin();
        }
    }

    private long command(SyscallContext call, int fd, FdSnapshot slot, int cmd, long arg) {
        OpenFile file = slot.file();
        return switch (cmd) {
            // the argument is an unsigned int: a "negative" minimum is beyond any limit
            case Host.F_DUPFD -> (int) arg < 0 ? -Errno.EINVAL : call.fds().dup(fd, (int) arg, false);
            case Host.F_DUPFD_CLOEXEC -> (int) arg < 0 ? -Errno.EINVAL : call.fds().dup(fd, (int) arg, true);
            case Host.F_GETFD -> slot.cloexec() ? FD_CLOEXEC : 0;
            case Host.F_SETFD -> call.fds().setCloexec(fd, (arg & FD_CLOEXEC) != 0);
            case Host.F_GETFL -> file.statusFlags();
            case Host.F_SETFL -> setStatusFlags(file, (int) arg);
            case F_GETPIPE_SZ, F_SETPIPE_SZ, F_ADD_SEALS, F_GET_SEALS -> onHostFd(file, cmd, (int) arg);
            case F_GETLK, F_OFD_GETLK -> lock(call, file, cmd, arg, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE);
            case F_SETLK, F_OFD_SETLK -> lock(call, file, cmd, arg, GuestMemory.PROT_READ);
            case F_SETLKW -> waitForLock(call, file, F_SETLK, arg);
            case F_OFD_SETLKW -> waitForLock(call, file, F_OFD_SETLK, arg);
            default -> -Errno.EINVAL;
        };
    }

    /** Linux allows only these on an O_PATH descriptor; everything else is EBADF. */
    private static boolean allowedOnPathFd(int cmd) {
        return cmd == Host.F_DUPFD || cmd == Host.F_DUPFD_CLOEXEC || cmd == Host.F_GETFD
            || cmd == Host.F_SETFD || cmd == Host.F_GETFL;
    }

    private long setStatusFlags(OpenFile file, int requested) {
        // one F_SETFL at a time per description, so the host fd and the description agree
        synchronized (file) {
            if (file.hostFd() >= 0) {
                // O_ASYNC stays in the description: the host must never send SIGIO to the JVM
                int r = host.fcntl(file.hostFd(), Host.F_SETFL, requested & ~O_ASYNC);
                if (r < 0) {
                    return r;
                }
            }
            file.updateStatusFlags(SETTABLE, requested);
            return 0;
        }
    }

    private long onHostFd(OpenFile file, int cmd, int arg) {
        return file.hostFd() < 0 ? -Errno.EBADF : host.fcntl(file.hostFd(), cmd, arg);
    }

    private long lock(SyscallContext call, OpenFile file, int cmd, long flockAddr, int access) {
        long h = call.memory().hostAddress(flockAddr, FLOCK_SIZE, access);
        if (h < 0) {
            return -Errno.EFAULT;
        }
        return file.hostFd() < 0 ? -Errno.EBADF : host.fcntl(file.hostFd(), cmd, h);
    }

    /**
     * A blocking lock request. The host's blocking F_SETLKW could not be interrupted, so this
     * retries the non-blocking request with a growing pause and answers EINTR when the guest
     * thread is interrupted.
     */
    private long waitForLock(SyscallContext call, OpenFile file, int nonBlockingCmd, long flockAddr) {
        long pause = 1;
        while (true) {
            long r = lock(call, file, nonBlockingCmd, flockAddr, GuestMemory.PROT_READ);
            if (r != -Errno.EAGAIN && r != -Errno.EACCES) {
                return r;
            }
            if (call.thread().isInterrupted()) {
                return -Errno.EINTR;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return -Errno.EINTR;
            }
            pause = Math.min(pause * 2, MAX_LOCK_BACKOFF_MILLIS);
        }
    }
}
