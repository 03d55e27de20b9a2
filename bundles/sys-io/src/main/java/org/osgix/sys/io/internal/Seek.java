package org.osgix.sys.io.internal;

import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * lseek: moves the shared file offset of the description, kept by its host fd, with every Linux
 * whence (SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE).
 */
final class Seek {
    private final Host host;

    Seek(Host host) {
        this.host = host;
    }

    long lseek(SyscallContext call) {
        OpenFile file = call.fds().pinRaw(call.fdArg(0));
        if (file == null) {
            return -Errno.EBADF;
        }
        try {
            if (file.kind() == FileKind.PATH) {
                return -Errno.EBADF;
            }
            if (file.hostFd() < 0) {
                return -Errno.ESPIPE;
            }
            // whence is an unsigned int: a value with high bits is no whence at all
            long whence = call.arg2() & 0xffff_ffffL;
            return whence > Integer.MAX_VALUE ? -Errno.EINVAL : host.lseek(file.hostFd(), call.arg1(), (int) whence);
        } finally {
            file.unpin();
        }
    }
}
