package org.osgix.host.posix.internal;

import com.sun.jna.Native;
import org.osgix.host.Host;

/**
 * The part of {@link PosixHost} that names files by byte-string paths: metadata, directory
 * entries, links, permissions, times, sizes, file systems and extended attributes. Calls glibc
 * 2.36 has no wrapper for (openat2, faccessat2, fchmodat2, getdents) go through syscall(2): their
 * numbers are the same on every Linux architecture, but getdents's (x86_64's 78), which only the
 * x86_64 guest ABI calls for.
 */
abstract class PosixFileCalls implements Host {
    private static final long SYS_GETDENTS = 78, SYS_OPENAT2 = 437, SYS_FACCESSAT2 = 439, SYS_FCHMODAT2 = 452;
    private static final int ENOSYS = 38;

    private final ErrnoTranslation errnoTranslation;

    PosixFileCalls(ErrnoTranslation errnoTranslation) {
        this.errnoTranslation = errnoTranslation;
    }

    /** The result of a call that signals failure with -1 and errno. */
    final int checked(int result) {
        return result == -1 ? -lastErrno() : result;
    }

    final long checked(long result) {
        return result == -1 ? -lastErrno() : result;
    }

    /** A host error number as the Linux errno. */
    final int linuxErrno(int hostError) {
        return errnoTranslation.toLinux(hostError);
    }

    final int lastErrno() {
        return errnoTranslation.toLinux(Native.getLastError());
    }

    /** A byte-string path or name as the API promises it: NUL-terminated. */
    static byte[] path(byte[] path) {
        if (path.length == 0 || path[path.length - 1] != 0) {
            throw new IllegalArgumentException("a host path must end with a NUL byte");
        }
        return path;
    }

    @Override
    public int openat(int dirFd, byte[] path, int flags, int mode) {
        return checked(LibC.openat(dirFd, path(path), flags, mode));
    }

    @Override
    public int openat2(int dirFd, byte[] path, int flags, int mode, long resolve) {
        // struct open_how {u64 flags; u64 mode; u64 resolve}
        long[] how = {Integer.toUnsignedLong(flags), Integer.toUnsignedLong(mode), resolve};
        return (int) checked(LibC.syscall(SYS_OPENAT2, dirFd, path(path), how, 24));
    }

    @Override
    public int fstatat(int dirFd, byte[] path, long statBuf, int flags) {
        return checked(LibC.fstatat(dirFd, path(path), statBuf, flags));
    }

    @Override
    public int statx(int dirFd, byte[] path, int flags, int mask, long statxBuf) {
        return checked(LibC.statx(dirFd, path(path), flags, mask, statxBuf));
    }

    @Override
    public long readlinkat(int dirFd, byte[] path, long buf, long size) {
        return checked(LibC.readlinkat(dirFd, path(path), buf, size));
    }

    @Override
    public long getdents64(int fd, long buf, long count) {
        return checked(LibC.getdents64(fd, buf, count));
    }

    @Override
    public long getdents(int fd, long buf, long count) {
        return checked(LibC.syscall(SYS_GETDENTS, fd, buf, count));
    }

    @Override
    public int faccessat2(int dirFd, byte[] path, int mode, int flags) {
        int r = (int) checked(LibC.syscall(SYS_FACCESSAT2, dirFd, path(path), mode, flags));
        // before Linux 5.8: glibc's faccessat answers the flags it can from fstatat
        return r == -ENOSYS ? checked(LibC.faccessat(dirFd, path, mode, flags)) : r;
    }

    @Override
    public int mkdirat(int dirFd, byte[] path, int mode) {
        return checked(LibC.mkdirat(dirFd, path(path), mode));
    }

    @Override
    public int mknodat(int dirFd, byte[] path, int mode, long dev) {
        return checked(LibC.mknodat(dirFd, path(path), mode, dev));
    }

    @Override
    public int unlinkat(int dirFd, byte[] path, int flags) {
        return checked(LibC.unlinkat(dirFd, path(path), flags));
    }

    @Override
    public int renameat2(int oldDirFd, byte[] oldPath, int newDirFd, byte[] newPath, int flags) {
        return checked(LibC.renameat2(oldDirFd, path(oldPath), newDirFd, path(newPath), flags));
    }

    @Override
    public int symlinkat(byte[] target, int newDirFd, byte[] linkPath) {
        return checked(LibC.symlinkat(path(target), newDirFd, path(linkPath)));
    }

    @Override
    public int linkat(int oldDirFd, byte[] oldPath, int newDirFd, byte[] newPath, int flags) {
        return checked(LibC.linkat(oldDirFd, path(oldPath), newDirFd, path(newPath), flags));
    }

    @Override
    public int fchmod(int fd, int mode) {
        return checked(LibC.fchmod(fd, mode));
    }

    @Override
    public int fchmodat(int dirFd, byte[] path, int mode, int flags) {
        if (flags == 0) {
            return checked(LibC.fchmodat(dirFd, path(path), mode, 0));
        }
        int r = (int) checked(LibC.syscall(SYS_FCHMODAT2, dirFd, path(path), mode, flags));
        // before Linux 6.6: glibc emulates AT_SYMLINK_NOFOLLOW (and refuses AT_EMPTY_PATH)
        return r == -ENOSYS ? checked(LibC.fchmodat(dirFd, path, mode, flags)) : r;
    }

    @Override
    public int fchown(int fd, int uid, int gid) {
        return checked(LibC.fchown(fd, uid, gid));
    }

    @Override
    public int fchownat(int dirFd, byte[] path, int uid, int gid, int flags) {
        return checked(LibC.fchownat(dirFd, path(path), uid, gid, flags));
    }

    @Override
    public int utimensat(int dirFd, byte[] path, long times, int flags) {
        if (path == null) {
            return checked(LibC.futimens(dirFd, times));
        }
        return checked(LibC.utimensat(dirFd, path(path), times, flags));
    }

    @Override
    public int truncate(byte[] path, long length) {
        return checked(LibC.truncate(path(path), length));
    }

    @Override
    public int ftruncate(int fd, long length) {
        return checked(LibC.ftruncate(fd, length));
    }

    @Override
    public int fallocate(int fd, int mode, long offset, long length) {
        return checked(LibC.fallocate(fd, mode, offset, length));
    }

    @Override
    public int statfs(byte[] path, long buf) {
        return checked(LibC.statfs(path(path), buf));
    }

    @Override
    public int fstatfs(int fd, long buf) {
        return checked(LibC.fstatfs(fd, buf));
    }

    @Override
    public int fsync(int fd) {
        return checked(LibC.fsync(fd));
    }

    @Override
    public int fdatasync(int fd) {
        return checked(LibC.fdatasync(fd));
    }

    @Override
    public int sync() {
        LibC.sync();
        return 0;
    }

    @Override
    public int syncfs(int fd) {
        return checked(LibC.syncfs(fd));
    }

    @Override
    public int flock(int fd, int operation) {
        return checked(LibC.flock(fd, operation));
    }

    @Override
    public int memfdCreate(byte[] name, int flags) {
        return checked(LibC.memfd_create(path(name), flags));
    }

    @Override
    public int umask(int mask) {
        return LibC.umask(mask);
    }

    @Override
    public int chdir(byte[] path) {
        return checked(LibC.chdir(path(path)));
    }

    @Override
    public int fadvise(int fd, long offset, long length, int advice) {
        // posix_fadvise returns the error number instead of setting errno
        int error = LibC.posix_fadvise(fd, offset, length, advice);
        return error == 0 ? 0 : -errnoTranslation.toLinux(error);
    }

    // --- extended attributes ---

    @Override
    public long getxattr(byte[] path, byte[] name, long value, long size, boolean followLast) {
        return checked(followLast ? LibC.getxattr(path(path), path(name), value, size)
            : LibC.lgetxattr(path(path), path(name), value, size));
    }

    @Override
    public long fgetxattr(int fd, byte[] name, long value, long size) {
        return checked(LibC.fgetxattr(fd, path(name), value, size));
    }

    @Override
    public long listxattr(byte[] path, long list, long size, boolean followLast) {
        return checked(followLast ? LibC.listxattr(path(path), list, size) : LibC.llistxattr(path(path), list, size));
    }

    @Override
    public long flistxattr(int fd, long list, long size) {
        return checked(LibC.flistxattr(fd, list, size));
    }

    @Override
    public int setxattr(byte[] path, byte[] name, long value, long size, int flags, boolean followLast) {
        return checked(followLast ? LibC.setxattr(path(path), path(name), value, size, flags)
            : LibC.lsetxattr(path(path), path(name), value, size, flags));
    }

    @Override
    public int fsetxattr(int fd, byte[] name, long value, long size, int flags) {
        return checked(LibC.fsetxattr(fd, path(name), value, size, flags));
    }

    @Override
    public int removexattr(byte[] path, byte[] name, boolean followLast) {
        return checked(followLast ? LibC.removexattr(path(path), path(name)) : LibC.lremovexattr(path(path), path(name)));
    }

    @Override
    public int fremovexattr(int fd, byte[] name) {
        return checked(LibC.fremovexattr(fd, path(name)));
    }
}
