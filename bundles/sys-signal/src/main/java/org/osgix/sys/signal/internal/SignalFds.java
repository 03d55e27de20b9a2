package org.osgix.sys.signal.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * signalfd and signalfd4: create a signalfd ({@link SignalFd}) or change the mask of an existing
 * one. Checks in Linux's order: sizemask (EINVAL), the mask's address (EFAULT), flags (EINVAL),
 * then the descriptor (EBADF when not open, EINVAL when not a signalfd).
 */
final class SignalFds {
    static final int SFD_NONBLOCK = OpenFile.O_NONBLOCK, SFD_CLOEXEC = OpenFile.O_CLOEXEC;
    static final String PATH = "anon_inode:[signalfd]";
    private static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000, EPOLL_CLOEXEC = 0x80000;
    private static final int EPOLL_CTL_ADD = 1, EPOLLIN = 1, EPOLL_EVENT_SIZE = 12;

    private final Host host;

    SignalFds(Host host) {
        this.host = host;
    }

    long signalfd(SyscallContext call) {
        return update(call, call.fdArg(0), call.arg1(), call.arg2(), 0);
    }

    long signalfd4(SyscallContext call) {
        return update(call, call.fdArg(0), call.arg1(), call.arg2(), call.intArg(3));
    }

    private long update(SyscallContext call, int fd, long maskAddr, long sizemask, int flags) {
        if (sizemask != Signals.SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        long mask = call.memory().readLong(maskAddr) & ~Signals.UNBLOCKABLE;
        if ((flags & ~(SFD_NONBLOCK | SFD_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        SignalState state = Delivery.state(call.process());
        if (fd == -1) {
            return create(call, state, mask, flags);
        }
        FdSnapshot slot = call.fds().get(fd);
        if (slot == null) {
            return -Errno.EBADF;
        }
        if (!(slot.file().attachment() instanceof SignalFd signalFd)) {
            return -Errno.EINVAL;
        }
        synchronized (state) {
            signalFd.setMask(mask);
            state.notifyAll(); // a blocked read looks again with the new mask
        }
        return fd;
    }

    private long create(SyscallContext call, SignalState state, long mask, int flags) {
        int levelFd = host.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (levelFd < 0) {
            return levelFd;
        }
        int carrier = host.epollCreate1(EPOLL_CLOEXEC);
        if (carrier < 0) {
            host.close(levelFd);
            return carrier;
        }
        long event = host.memory().allocate(EPOLL_EVENT_SIZE);
        host.memory().putInt(event, EPOLLIN);
        int added = host.epollCtl(carrier, EPOLL_CTL_ADD, levelFd, event);
        host.memory().free(event);
        if (added < 0) {
            host.close(carrier);
            host.close(levelFd);
            return added;
        }
        SignalFd signalFd = new SignalFd(host, state, call.process(), levelFd, mask);
        int statusFlags = OpenFile.O_RDWR | (flags & SFD_NONBLOCK);
        if ((flags & SFD_NONBLOCK) != 0) {
            host.fcntl(carrier, Host.F_SETFL, OpenFile.O_NONBLOCK);
        }
        int fd = call.fds().open(FileKind.OTHER, carrier, statusFlags, PATH, signalFd, (flags & SFD_CLOEXEC) != 0);
        if (fd < 0) {
            signalFd.released(); // the table closed the carrier
            return fd;
        }
        synchronized (state) {
            state.addSignalFd(signalFd);
        }
        FdSnapshot slot = call.fds().get(fd);
        if (slot == null || slot.file().attachment() != signalFd
                || !slot.file().addCloseListener(f -> closed(state, signalFd))) {
            closed(state, signalFd); // closed by another thread already
        }
        return fd;
    }

    private static void closed(SignalState state, SignalFd signalFd) {
        synchronized (state) {
            state.removeSignalFd(signalFd);
        }
    }
}
