package org.osgix.kernel.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;

/**
 * The file a private file mapping was copied from, so MADV_DONTNEED can revert its pages to the
 * file's contents as Linux does. The mapping keeps no host fd (the guest may have many); the file
 * is reopened by its host path and accepted only if it is still the same inode.
 */
record FileOrigin(String hostPath, long dev, long ino) {
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    static FileOrigin of(Host host, int hostFd) {
        NativeMemory mem = host.memory();
        long buf = mem.allocate(256);
        try {
            if (host.fstat(hostFd, buf) < 0) {
                return null;
            }
            String path = Files.readSymbolicLink(Path.of("/proc/self/fd/" + hostFd)).toString();
            return new FileOrigin(path, mem.getLong(buf), mem.getLong(buf + 8));
        } catch (IOException | RuntimeException unknown) {
            return null;
        } finally {
            mem.free(buf);
        }
    }

    /** Copies the file's bytes for [addr, addr+len) at {@code offset} (pages past EOF stay zero). */
    void reread(Host host, long addr, long len, long offset) {
        int fd = host.openat(Host.AT_FDCWD, hostPath, O_RDONLY_CLOEXEC, 0);
        if (fd < 0) {
            return; // the file is gone: the pages stay zero, as for a deleted-and-replaced file
        }
        NativeMemory mem = host.memory();
        long buf = mem.allocate(256);
        try {
            if (host.fstat(fd, buf) < 0 || mem.getLong(buf) != dev || mem.getLong(buf + 8) != ino) {
                return;
            }
            long done = 0;
            while (done < len) {
                long n = host.pread(fd, addr + done, len - done, offset + done);
                if (n <= 0) {
                    break;
                }
                done += n;
            }
        } finally {
            mem.free(buf);
            host.close(fd);
        }
    }
}
