package org.osgix.io.ioctl.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * FIOASYNC (argument: pointer to int): records O_ASYNC in the description's status flags. The
 * host fd never gets O_ASYNC: the host must not send SIGIO to the JVM. As on Linux, changing the
 * flag of a file without asynchronous notification support (regular files, directories, most
 * devices, eventfd, epoll) fails with ENOTTY; leaving it unchanged succeeds.
 */
final class AsyncIoctl implements IoctlHandler {

    @Override
    public long ioctl(SyscallContext call, FdSnapshot descriptor, long request, long arg) {
        int wanted = call.memory().readInt(arg) != 0 ? OpenFile.O_ASYNC : 0;
        OpenFile file = descriptor.file();
        synchronized (file) {
            boolean changes = ((file.statusFlags() ^ wanted) & OpenFile.O_ASYNC) != 0;
            if (changes && !notifiesAsynchronously(file.kind())) {
                return -Errno.ENOTTY;
            }
            file.updateStatusFlags(OpenFile.O_ASYNC, wanted);
        }
        return 0;
    }

    /** The kinds whose Linux file operations implement fasync. */
    static boolean notifiesAsynchronously(FileKind kind) {
        return kind == FileKind.PIPE || kind == FileKind.SOCKET || kind == FileKind.TTY;
    }
}
