package org.osgix.host.posix.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The host C library through JNA direct mapping: {@code static native} methods bound with
 * {@link Native#register}, raw {@code long} addresses, no JNA marshalling objects. Method names are
 * the libc symbol names. Every call that can fail leaves errno in {@link Native#getLastError()}
 * (JNA saves it right after the call, per thread).
 *
 * <p>{@code openat}, {@code fcntl} and {@code ioctl} are variadic in C; calling them with fixed
 * integer arguments is correct on the x86_64 and aarch64 Linux ABIs.
 */
final class LibC {
    static {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    /** Forces the class (and the native library) to load, so a missing libc fails early. */
    static void load() {
    }

    // --- files ---
    static native int openat(int dirFd, byte[] path, int flags, int mode);

    static native int close(int fd);

    static native int dup(int fd);

    static native long read(int fd, long buf, long count);

    static native long write(int fd, long buf, long count);

    static native long pread(int fd, long buf, long count, long offset);

    static native long pwrite(int fd, long buf, long count, long offset);

    static native long readv(int fd, long iov, int iovcnt);

    static native long writev(int fd, long iov, int iovcnt);

    static native long lseek(int fd, long offset, int whence);

    static native int fstat(int fd, long statBuf);

    static native int fstatat(int dirFd, byte[] path, long statBuf, int flags);

    static native int fcntl(int fd, int cmd, long arg);

    static native int ioctl(int fd, long request, long arg);

    static native long readlinkat(int dirFd, byte[] path, long buf, long size);

    static native int pipe2(int[] fds, int flags);

    static native int eventfd(int initval, int flags);

    static native int timerfd_create(int clockid, int flags);

    static native int timerfd_settime(int fd, int flags, long newValue, long oldValue);

    static native int timerfd_gettime(int fd, long currValue);

    // --- byte-string paths, names and metadata ---
    /** The raw syscall(2) entry, for calls glibc 2.36 has no wrapper for (openat2, faccessat2, fchmodat2). */
    static native long syscall(long number, long arg1, byte[] arg2, long[] arg3, long arg4);

    static native long syscall(long number, long arg1, byte[] arg2, long arg3, long arg4);

    static native long syscall(long number, long arg1, long arg2, long arg3);

    static native int statx(int dirFd, byte[] path, int flags, int mask, long statxBuf);

    static native long getdents64(int fd, long buf, long count);

    static native int faccessat(int dirFd, byte[] path, int mode, int flags);

    static native int mkdirat(int dirFd, byte[] path, int mode);

    static native int mknodat(int dirFd, byte[] path, int mode, long dev);

    static native int unlinkat(int dirFd, byte[] path, int flags);

    static native int renameat2(int oldDirFd, byte[] oldPath, int newDirFd, byte[] newPath, int flags);

    static native int symlinkat(byte[] target, int newDirFd, byte[] linkPath);

    static native int linkat(int oldDirFd, byte[] oldPath, int newDirFd, byte[] newPath, int flags);

    static native int fchmod(int fd, int mode);

    static native int fchmodat(int dirFd, byte[] path, int mode, int flags);

    static native int fchown(int fd, int uid, int gid);

    static native int fchownat(int dirFd, byte[] path, int uid, int gid, int flags);

    static native int utimensat(int dirFd, byte[] path, long times, int flags);

    static native int futimens(int fd, long times);

    static native int truncate(byte[] path, long length);

    static native int ftruncate(int fd, long length);

    static native int fallocate(int fd, int mode, long offset, long length);

    static native int statfs(byte[] path, long buf);

    static native int fstatfs(int fd, long buf);

    static native int fsync(int fd);

    static native int fdatasync(int fd);

    static native void sync();

    static native int syncfs(int fd);

    static native int flock(int fd, int operation);

    static native int umask(int mask);

    static native int memfd_create(byte[] name, int flags);

    static native int posix_fadvise(int fd, long offset, long length, int advice);

    // --- positioned, vectored and in-kernel transfers ---
    static native long preadv(int fd, long iov, int iovcnt, long offset);

    static native long pwritev(int fd, long iov, int iovcnt, long offset);

    static native long preadv2(int fd, long iov, int iovcnt, long offset, int flags);

    static native long pwritev2(int fd, long iov, int iovcnt, long offset, int flags);

    static native long sendfile(int outFd, int inFd, long offset, long count);

    static native long copy_file_range(int inFd, long inOffset, int outFd, long outOffset, long length, int flags);

    static native long splice(int inFd, long inOffset, int outFd, long outOffset, long length, int flags);

    static native long tee(int inFd, int outFd, long length, int flags);

    // --- extended attributes ---
    static native long getxattr(byte[] path, byte[] name, long value, long size);

    static native long lgetxattr(byte[] path, byte[] name, long value, long size);

    static native long fgetxattr(int fd, byte[] name, long value, long size);

    static native long listxattr(byte[] path, long list, long size);

    static native long llistxattr(byte[] path, long list, long size);

    static native long flistxattr(int fd, long list, long size);

    static native int setxattr(byte[] path, byte[] name, long value, long size, int flags);

    static native int lsetxattr(byte[] path, byte[] name, long value, long size, int flags);

    static native int fsetxattr(int fd, byte[] name, long value, long size, int flags);

    static native int removexattr(byte[] path, byte[] name);

    static native int lremovexattr(byte[] path, byte[] name);

    static native int fremovexattr(int fd, byte[] name);

    // --- waiting ---
    static native int poll(long fds, long nfds, int timeoutMillis);

    /** {@code timeout} is a {@code struct timespec} {sec, nsec}, or null for no timeout. */
    static native int ppoll(long fds, long nfds, long[] timeout, long sigmask);

    static native int epoll_create1(int flags);

    static native int epoll_ctl(int epfd, int op, int fd, long event);

    static native int epoll_wait(int epfd, long events, int maxEvents, int timeoutMillis);

    static native int chdir(byte[] path);

    static native int fchdir(int fd);

    // --- memory ---
    static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    static native int munmap(long addr, long length);

    static native int mprotect(long addr, long length, int prot);

    static native int madvise(long addr, long length, int advice);

    static native long calloc(long count, long size);

    static native void free(long addr);

    static native long memchr(long addr, int c, long n);

    static native long memset(long addr, int c, long n);

    static native long memmove(long dst, long src, long n);

    // --- identity and environment ---
    static native int getpid();

    static native int getpgid(int pid);

    static native int getsid(int pid);

    static native int setpgid(int pid, int pgid);

    static native int setsid();

    static native int getuid();

    static native int geteuid();

    static native int getgid();

    static native int getegid();

    static native int uname(long buf);

    static native long getcwd(long buf, long size);

    static native long getrandom(long buf, long count, int flags);

    static native int capget(long header, long data);

    static native int capset(long header, long data);

    static native int clock_gettime(int clock, long timespec);
}
