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

    static native int getuid();

    static native int geteuid();

    static native int getgid();

    static native int getegid();

    static native int uname(long buf);

    static native long getcwd(long buf, long size);

    static native long getrandom(long buf, long count, int flags);

    static native int clock_gettime(int clock, long timespec);
}
