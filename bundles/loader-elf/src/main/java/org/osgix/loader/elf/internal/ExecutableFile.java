package org.osgix.loader.elf.internal;

import static org.osgix.syscall.FileStat.STAT_SIZE;
import static org.osgix.syscall.FileStat.ST_GID;
import static org.osgix.syscall.FileStat.ST_MODE;
import static org.osgix.syscall.FileStat.ST_SIZE;
import static org.osgix.syscall.FileStat.ST_UID;
import static org.osgix.syscall.FileStat.S_IFMT;
import static org.osgix.syscall.FileStat.S_IFREG;
import static org.osgix.syscall.FileStat.S_IXGRP;
import static org.osgix.syscall.FileStat.S_IXOTH;
import static org.osgix.syscall.FileStat.S_IXUSR;
import static org.osgix.syscall.OpenFlags.O_CLOEXEC;
import static org.osgix.syscall.OpenFlags.O_RDONLY;

import org.osgix.exec.ExecException;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;

/**
 * A host file opened for execution: the host fd, its size, and reads at offsets. Opening applies
 * execve's checks (a regular file with an execute bit for the caller). Close it in a finally
 * block; mappings made from {@link #hostFd()} outlive the fd.
 */
final class ExecutableFile implements AutoCloseable {
    private final Host host;
    private final int hostFd;
    private final long size;

    private ExecutableFile(Host host, int hostFd, long size) {
        this.host = host;
        this.hostFd = hostFd;
        this.size = size;
    }

    /**
     * Opens {@code hostPath} and checks that the caller may execute it.
     *
     * @throws ExecException ENOENT, ENOTDIR, ELOOP... as openat reports them; EACCES for a
     *         directory, another non-regular file, or a file without the needed execute bit
     */
    static ExecutableFile open(Host host, String hostPath) throws ExecException {
        int fd = host.openat(Host.AT_FDCWD, hostPath, O_RDONLY | O_CLOEXEC, 0);
        if (fd < 0) {
            throw ExecErrors.of(-fd);
        }
        boolean keep = false;
        try {
            long size = checkExecutable(host, fd);
            keep = true;
            return new ExecutableFile(host, fd, size);
        } finally {
            if (!keep) {
                host.close(fd);
            }
        }
    }

    /** fstat and the permission check; returns the file size. */
    private static long checkExecutable(Host host, int fd) throws ExecException {
        NativeMemory memory = host.memory();
        long stat = memory.allocate(STAT_SIZE);
        if (stat == 0) {
            throw ExecErrors.of(Errno.ENOMEM);
        }
        try {
            int rc = host.fstat(fd, stat);
            if (rc < 0) {
                throw ExecErrors.of(-rc);
            }
            int mode = memory.getInt(stat + ST_MODE);
            if ((mode & S_IFMT) != S_IFREG || !mayExecute(host, mode, memory.getInt(stat + ST_UID),
                memory.getInt(stat + ST_GID))) {
                throw ExecErrors.of(Errno.EACCES);
            }
            return memory.getLong(stat + ST_SIZE);
        } finally {
            memory.free(stat);
        }
    }

    /**
     * The classic owner/group/other execute check with the effective ids; root needs any execute
     * bit. Supplementary groups and ACLs are not consulted.
     */
    private static boolean mayExecute(Host host, int mode, int ownerUid, int ownerGid) {
        int euid = host.geteuid();
        if (euid == 0) {
            return (mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0;
        }
        if (euid == ownerUid) {
            return (mode & S_IXUSR) != 0;
        }
        if (host.getegid() == ownerGid) {
            return (mode & S_IXGRP) != 0;
        }
        return (mode & S_IXOTH) != 0;
    }

    int hostFd() {
        return hostFd;
    }

    long size() {
        return size;
    }

    /**
     * Reads up to {@code length} bytes at {@code offset}; fewer only at end of file.
     *
     * @throws ExecException EIO (or the host's errno) when the read fails
     */
    byte[] read(long offset, int length) throws ExecException {
        if (length == 0) {
            return new byte[0];
        }
        NativeMemory memory = host.memory();
        long buffer = memory.allocate(length);
        if (buffer == 0) {
            throw ExecErrors.of(Errno.ENOMEM);
        }
        try {
            int done = 0;
            while (done < length) {
                long n = host.pread(hostFd, buffer + done, length - done, offset + done);
                if (n == -Errno.EINTR) {
                    continue;
                }
                if (n < 0) {
                    throw ExecErrors.of((int) -n);
                }
                if (n == 0) {
                    break;
                }
                done += (int) n;
            }
            byte[] bytes = new byte[done];
            memory.get(buffer, bytes, 0, done);
            return bytes;
        } finally {
            memory.free(buffer);
        }
    }

    /** Reads exactly {@code length} bytes at {@code offset} or throws ENOEXEC. */
    byte[] readFully(long offset, int length) throws ExecException {
        byte[] bytes = read(offset, length);
        if (bytes.length != length) {
            throw ExecErrors.formatError();
        }
        return bytes;
    }

    @Override
    public void close() {
        host.close(hostFd);
    }
}
