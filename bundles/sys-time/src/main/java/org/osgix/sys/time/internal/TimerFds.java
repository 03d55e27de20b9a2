package org.osgix.sys.time.internal;

import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * timerfd_create, timerfd_settime and timerfd_gettime: a host timerfd, so every clock the host
 * offers, TFD_TIMER_ABSTIME, TFD_TIMER_CANCEL_ON_SET, the expiration count a read returns and its
 * readiness in host epoll and poll are the host kernel's. Reads go through the io family; the
 * host fd is always close-on-exec, the guest's TFD_CLOEXEC lives in its descriptor slot.
 */
final class TimerFds {
    static final int TFD_NONBLOCK = 0x800, TFD_CLOEXEC = 0x80000;
    static final int ITIMERSPEC_SIZE = 32;
    static final String PATH = "anon_inode:[timerfd]";

    private final Host host;

    TimerFds(Host host) {
        this.host = host;
    }

    long create(SyscallContext call) {
        int clockId = call.intArg(0);
        int flags = call.intArg(1);
        if ((flags & ~(TFD_NONBLOCK | TFD_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        int hostFd = host.timerfdCreate(clockId, flags | TFD_CLOEXEC);
        if (hostFd < 0) {
            return hostFd; // the host judges the clock (EINVAL, EPERM for alarm clocks) as Linux does
        }
        int statusFlags = host.fcntl(hostFd, Host.F_GETFL, 0);
        if (statusFlags < 0) {
            host.close(hostFd);
            return statusFlags;
        }
        return call.fds().open(FileKind.OTHER, hostFd, statusFlags, PATH, null, (flags & TFD_CLOEXEC) != 0);
    }

    long settime(SyscallContext call) {
        GuestMemory mem = call.memory();
        long next = mem.hostAddress(call.arg2(), ITIMERSPEC_SIZE, GuestMemory.PROT_READ);
        long old = call.arg3() == 0 ? 0 : mem.hostAddress(call.arg3(), ITIMERSPEC_SIZE, GuestMemory.PROT_WRITE);
        if (next < 0 || old < 0) {
            return -Errno.EFAULT;
        }
        OpenFile file = call.fds().pinRaw(call.fdArg(0));
        if (file == null) {
            return -Errno.EBADF;
        }
        try {
            return file.hostFd() < 0 ? -Errno.EINVAL : host.timerfdSettime(file.hostFd(), call.intArg(1), next, old);
        } finally {
            file.unpin();
        }
    }

    long gettime(SyscallContext call) {
        long cur = call.memory().hostAddress(call.arg1(), ITIMERSPEC_SIZE, GuestMemory.PROT_WRITE);
        if (cur < 0) {
            return -Errno.EFAULT;
        }
        OpenFile file = call.fds().pinRaw(call.fdArg(0));
        if (file == null) {
            return -Errno.EBADF;
        }
        try {
            return file.hostFd() < 0 ? -Errno.EINVAL : host.timerfdGettime(file.hostFd(), cur);
        } finally {
            file.unpin();
        }
    }
}
