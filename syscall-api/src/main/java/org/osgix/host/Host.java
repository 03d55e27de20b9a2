package org.osgix.host;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The host C library as osgix uses it. Every method returns the Linux result: a non-negative
 * value or a negative <b>Linux</b> errno (the host's errno translated; identity on Linux hosts).
 * Pointer arguments are host addresses (for guest buffers: {@code GuestMemory.hostAddress}).
 * Struct arguments use the Linux x86_64 layouts (a non-Linux host translates).
 *
 * <p>This is the only code that calls the host libc and the only place a host fd is closed: fd
 * close goes through {@link #close}, which also tells the {@link HostFdListener}s.
 */
@ProviderType
public interface Host {
    int AT_FDCWD = -100;
    int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_SYMLINK_FOLLOW = 0x400,
        AT_EMPTY_PATH = 0x1000;
    int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030;
    int POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10,
        POLLNVAL = 0x20, POLLRDHUP = 0x2000;

    /** The host's name for diagnostics, e.g. "linux-x86_64". */
    String platform();

    /** Raw host memory access (for range-checked guest memory and scratch buffers). */
    NativeMemory memory();

    // --- files ---
    int openat(int dirFd, String path, int flags, int mode);

    /** Closes a host fd and tells every {@link HostFdListener}. */
    int close(int fd);

    /** dup(2): only for the host's own bookkeeping (e.g. stdio); never per syscall. */
    int dup(int fd);

    long read(int fd, long buf, long count);

    long write(int fd, long buf, long count);

    long pread(int fd, long buf, long count, long offset);

    long pwrite(int fd, long buf, long count, long offset);

    /** {@code iov} points to {@code iovcnt} host iovecs {base, len}. */
    long readv(int fd, long iov, int iovcnt);

    long writev(int fd, long iov, int iovcnt);

    long lseek(int fd, long offset, int whence);

    /** Writes a Linux x86_64 {@code struct stat} (144 bytes) at {@code statBuf}. */
    int fstat(int fd, long statBuf);

    /** fstatat(2) with Linux flags; writes a Linux x86_64 {@code struct stat}. */
    int fstatat(int dirFd, String path, long statBuf, int flags);

    int fcntl(int fd, int cmd, long arg);

    int ioctl(int fd, long request, long arg);

    /** readlinkat(2) into a host buffer; returns the length. */
    long readlinkat(int dirFd, String path, long buf, long size);

    /** pipe2(2): returns {@code (long) readFd << 32 | writeFd}, or a negative errno. */
    long pipe2(int flags);

    int eventfd(int initval, int flags);

    // --- waiting ---
    /** poll(2) on host pollfds {fd, events, revents} at {@code fds}. */
    int poll(long fds, int nfds, int timeoutMillis);

    /** poll(2) with a nanosecond timeout (ppoll; negative = infinite). */
    int ppoll(long fds, int nfds, long timeoutNanos);

    int epollCreate1(int flags);

    /** {@code event} points to a Linux {@code struct epoll_event} (12 bytes, packed). */
    int epollCtl(int epfd, int op, int fd, long event);

    int epollWait(int epfd, long events, int maxEvents, int timeoutMillis);

    /** chdir(2) of the host process (one guest process per JVM). */
    int chdir(String path);

    /** fchdir(2) of the host process. */
    int fchdir(int fd);

    // --- memory ---
    /** mmap(2); returns the address or a negative errno. */
    long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    int munmap(long addr, long length);

    int mprotect(long addr, long length, int prot);

    int madvise(long addr, long length, int advice);

    // --- identity and environment ---
    int getpid();

    int getuid();

    int geteuid();

    int getgid();

    int getegid();

    /** uname(2) into a host {@code struct utsname} (6 fields of 65 bytes). */
    int uname(long buf);

    /** getcwd(2) of the host process; returns the length including the NUL. */
    long getcwd(long buf, long size);

    /** getrandom(2) into a host buffer. */
    long getrandom(long buf, long count, int flags);

    /** clock_gettime(2) into a host {@code struct timespec}. */
    int clockGettime(int clock, long timespec);

    /** The number of fds open in this host process (counts /proc/self/fd); for leak checks. */
    int openFdCount();

    /** Registers a listener told whenever a host fd is closed through {@link #close}. */
    void addHostFdListener(HostFdListener listener);

    void removeHostFdListener(HostFdListener listener);
}
