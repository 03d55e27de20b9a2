package org.osgix.sys.socket.internal;

import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * setsockopt, getsockopt: passed to the host socket, whose kernel is Linux's answer for every
 * level and name (ENOPROTOOPT for an unknown option, EINVAL for a bad length...). SO_PEERCRED
 * and SCM_CREDENTIALS show the host pid, which is the guest's pid. The guest's buffers are
 * checked and handed over in place.
 */
final class SocketOptions {
    private final Host host;

    SocketOptions(Host host) {
        this.host = host;
    }

    long setsockopt(SyscallContext call) {
        int fd = call.fdArg(0);
        int level = call.intArg(1);
        int name = call.intArg(2);
        long value = call.arg3();
        int len = call.intArg(4);
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            if (len < 0) {
                return -Errno.EINVAL;
            }
            long h = 0;
            if (len > 0) {
                h = call.memory().hostAddress(value, len, GuestMemory.PROT_READ);
                if (h < 0) {
                    return -Errno.EFAULT;
                }
            }
            return host.setsockopt(file.hostFd(), level, name, h, len);
        } finally {
            file.unpin();
        }
    }

    long getsockopt(SyscallContext call) {
        int fd = call.fdArg(0);
        int level = call.intArg(1);
        int name = call.intArg(2);
        long value = call.arg3();
        long lenPtr = call.arg4();
        OpenFile file = SocketFiles.pin(call, fd);
        if (file == null) {
            return SocketFiles.refusal(call, fd);
        }
        try {
            long hLen = call.memory().hostAddress(lenPtr, 4, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE);
            if (hLen < 0) {
                return -Errno.EFAULT;
            }
            int len = call.memory().readInt(lenPtr);
            if (len < 0) {
                return -Errno.EINVAL;
            }
            long h = 0;
            if (len > 0) {
                h = call.memory().hostAddress(value, len, GuestMemory.PROT_WRITE);
                if (h < 0) {
                    return -Errno.EFAULT;
                }
            }
            return host.getsockopt(file.hostFd(), level, name, h, hLen);
        } finally {
            file.unpin();
        }
    }
}
