package org.osgix.sys.poll.internal;

import org.osgix.fd.FileKind;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * eventfd and eventfd2: a host eventfd, so its counter semantics (EFD_SEMAPHORE, overflow,
 * 8-byte transfers) and its readiness in host epoll and poll are the host kernel's. Reads and
 * writes go through the io family like any descriptor; the host fd is always close-on-exec, the
 * guest's EFD_CLOEXEC lives in its descriptor slot.
 */
final class EventFds {
    static final int EFD_SEMAPHORE = 1, EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    static final String PATH = "anon_inode:[eventfd]";

    private final Host host;

    EventFds(Host host) {
        this.host = host;
    }

    long eventfd(SyscallContext call) {
        return create(call, call.intArg(0), 0);
    }

    long eventfd2(SyscallContext call) {
        return create(call, call.intArg(0), call.intArg(1));
    }

    private long create(SyscallContext call, int initialValue, int flags) {
        if ((flags & ~(EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        int hostFd = host.eventfd(initialValue, (flags & ~EFD_CLOEXEC) | EFD_CLOEXEC);
        if (hostFd < 0) {
            return hostFd;
        }
        // the host's F_GETFL (O_RDWR, O_NONBLOCK) is what Linux reports for the guest's
        int statusFlags = host.fcntl(hostFd, Host.F_GETFL, 0);
        if (statusFlags < 0) {
            host.close(hostFd);
            return statusFlags;
        }
        return call.fds().open(FileKind.EVENTFD, hostFd, statusFlags, PATH, null, (flags & EFD_CLOEXEC) != 0);
    }
}
