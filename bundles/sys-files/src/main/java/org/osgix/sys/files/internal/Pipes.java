package org.osgix.sys.files.internal;

import static org.osgix.fd.OpenFile.O_CLOEXEC;
import static org.osgix.fd.OpenFile.O_DIRECT;
import static org.osgix.fd.OpenFile.O_EXCL;
import static org.osgix.fd.OpenFile.O_NONBLOCK;

import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * pipe, pipe2: a host pipe whose two ends become two guest descriptions. The host ends are
 * always close-on-exec (they must never leak into host children); the guest's O_CLOEXEC lives in
 * its descriptor slots. Each description keeps the status flags Linux reports with F_GETFL
 * (the read end O_RDONLY, the write end O_WRONLY, plus O_NONBLOCK and, on the write end, O_DIRECT).
 */
final class Pipes {
    /** Linux O_NOTIFICATION_PIPE (= O_EXCL): the host decides (ENOPKG without watch queues). */
    private static final int O_NOTIFICATION_PIPE = O_EXCL;
    private static final int VALID_FLAGS = O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_NOTIFICATION_PIPE;

    private final Host host;

    Pipes(Host host) {
        this.host = host;
    }

    long pipe(SyscallContext call) {
        return create(call, call.arg0(), 0);
    }

    long pipe2(SyscallContext call) {
        return create(call, call.arg0(), call.intArg(1));
    }

    private long create(SyscallContext call, long fdsAddr, int flags) {
        if ((flags & ~VALID_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        // Linux copies the two numbers out after creating the pipe and undoes it on a fault;
        // checking first gives the same result without creating anything
        if (!call.memory().isAccessible(fdsAddr, 8, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        long ends = host.pipe2((flags & ~O_CLOEXEC) | O_CLOEXEC);
        if (ends < 0) {
            return ends;
        }
        int hostRead = (int) (ends >>> 32);
        int hostWrite = (int) ends;
        FdTable fds = call.fds();
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        int readFd = install(fds, hostRead, cloexec);
        if (readFd < 0) {
            host.close(hostWrite);
            return readFd;
        }
        int writeFd = install(fds, hostWrite, cloexec);
        if (writeFd < 0) {
            fds.close(readFd);
            return writeFd;
        }
        try {
            call.memory().writeInt(fdsAddr, readFd);
            call.memory().writeInt(fdsAddr + 4, writeFd);
        } catch (GuestFault fault) {
            // the buffer was unmapped by another thread in between
            fds.close(readFd);
            fds.close(writeFd);
            return -Errno.EFAULT;
        }
        return 0;
    }

    /** Installs one host end; the table closes the host fd itself when it is full. */
    private int install(FdTable fds, int hostFd, boolean cloexec) {
        // the host's F_GETFL is Linux's exact answer for each end
        int statusFlags = host.fcntl(hostFd, Host.F_GETFL, 0);
        if (statusFlags < 0) {
            host.close(hostFd);
            return statusFlags;
        }
        return fds.open(FileKind.PIPE, hostFd, statusFlags, null, null, cloexec);
    }
}
