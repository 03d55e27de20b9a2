package org.osgix.host;

import org.osgi.annotation.versioning.ProviderType;
import org.osgix.syscall.PollFlags;

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
public interface Host extends PollFlags {
    int AT_FDCWD = -100;
    int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_SYMLINK_FOLLOW = 0x400,
        AT_EMPTY_PATH = 0x1000;
    int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030;

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

    /** timerfd_create(2): a host timer fd (its expirations, reads and readiness are the host's). */
    int timerfdCreate(int clockId, int flags);

    /** timerfd_settime(2) with host addresses of {@code struct itimerspec} ({@code oldValue} may be 0). */
    int timerfdSettime(int fd, int flags, long newValue, long oldValue);

    /** timerfd_gettime(2) into a host {@code struct itimerspec}. */
    int timerfdGettime(int fd, long currentValue);

    // --- files: byte-string paths, names and metadata ---
    // A path below is a NUL-terminated byte string: Linux names are bytes, not text, so a name
    // that is not valid UTF-8 reaches the host unchanged. Every path method fails with
    // IllegalArgumentException when the array does not end with a NUL.

    int RESOLVE_NO_XDEV = 0x01, RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_NO_SYMLINKS = 0x04,
        RESOLVE_BENEATH = 0x08, RESOLVE_IN_ROOT = 0x10, RESOLVE_CACHED = 0x20;

    /** openat(2) with a byte-string path. */
    int openat(int dirFd, byte[] path, int flags, int mode);

    /**
     * openat2(2): {@code resolve} is a set of Linux RESOLVE_* flags (RESOLVE_IN_ROOT confines
     * the lookup, {@code ..} and symlinks included, to {@code dirFd}). {@code -ENOSYS} on a host
     * without it.
     */
    int openat2(int dirFd, byte[] path, int flags, int mode, long resolve);

    /** fstatat(2) with a byte-string path; writes a Linux x86_64 {@code struct stat}. */
    int fstatat(int dirFd, byte[] path, long statBuf, int flags);

    /** statx(2) into a Linux {@code struct statx} (256 bytes) at {@code statxBuf}. */
    int statx(int dirFd, byte[] path, int flags, int mask, long statxBuf);

    /** readlinkat(2) with a byte-string path into a host buffer; returns the length. */
    long readlinkat(int dirFd, byte[] path, long buf, long size);

    /** getdents64(2): Linux {@code struct linux_dirent64} records into a host buffer. */
    long getdents64(int fd, long buf, long count);

    /** getdents(2): Linux {@code struct linux_dirent} records (d_type in the last byte) into a host buffer. */
    long getdents(int fd, long buf, long count);

    /**
     * faccessat2(2) with Linux flags (AT_EACCESS = 0x200, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH):
     * the host's own permission check, with ACLs and read-only mounts, for the host process's ids.
     */
    int faccessat2(int dirFd, byte[] path, int mode, int flags);

    int mkdirat(int dirFd, byte[] path, int mode);

    /** mknodat(2): FIFOs, sockets, regular files and (with privilege) devices. */
    int mknodat(int dirFd, byte[] path, int mode, long dev);

    /** unlinkat(2); AT_REMOVEDIR removes a directory. */
    int unlinkat(int dirFd, byte[] path, int flags);

    /** renameat2(2) with Linux RENAME_* flags (0 is renameat). */
    int renameat2(int oldDirFd, byte[] oldPath, int newDirFd, byte[] newPath, int flags);

    int symlinkat(byte[] target, int newDirFd, byte[] linkPath);

    int linkat(int oldDirFd, byte[] oldPath, int newDirFd, byte[] newPath, int flags);

    int fchmod(int fd, int mode);

    /** fchmodat with Linux flags (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH), as fchmodat2(2). */
    int fchmodat(int dirFd, byte[] path, int mode, int flags);

    /** fchown(2); -1 leaves an id unchanged. */
    int fchown(int fd, int uid, int gid);

    int fchownat(int dirFd, byte[] path, int uid, int gid, int flags);

    /**
     * utimensat(2): {@code times} is the host address of two {@code struct timespec}s, or 0 for
     * "now"; a null {@code path} sets the times of {@code dirFd} itself (futimens).
     */
    int utimensat(int dirFd, byte[] path, long times, int flags);

    int truncate(byte[] path, long length);

    int ftruncate(int fd, long length);

    int fallocate(int fd, int mode, long offset, long length);

    /** statfs(2) into a Linux x86_64 {@code struct statfs} (120 bytes). */
    int statfs(byte[] path, long buf);

    int fstatfs(int fd, long buf);

    int fsync(int fd);

    int fdatasync(int fd);

    /** sync(2): always 0. */
    int sync();

    int syncfs(int fd);

    /** flock(2): LOCK_SH 1, LOCK_EX 2, LOCK_NB 4, LOCK_UN 8. */
    int flock(int fd, int operation);

    /** memfd_create(2): an anonymous in-memory file (MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2). */
    int memfdCreate(byte[] name, int flags);

    /** umask(2) of the host process: sets the permission bits masked on creation, returns the old mask. */
    int umask(int mask);

    /** chdir(2) of the host process with a byte-string path. */
    int chdir(byte[] path);

    // --- io: positioned, vectored and in-kernel transfers ---
    /** preadv(2): {@code iov} points to {@code iovcnt} host iovecs. */
    long preadv(int fd, long iov, int iovcnt, long offset);

    long pwritev(int fd, long iov, int iovcnt, long offset);

    /** preadv2(2) with Linux RWF_* flags; offset -1 uses and moves the file offset. */
    long preadv2(int fd, long iov, int iovcnt, long offset, int flags);

    long pwritev2(int fd, long iov, int iovcnt, long offset, int flags);

    /**
     * sendfile(2): {@code offset} is the host address of an {@code off_t} that is read and
     * advanced, or 0 to use and move {@code inFd}'s own offset.
     */
    long sendfile(int outFd, int inFd, long offset, long count);

    /** copy_file_range(2); each offset is the host address of a {@code loff_t}, or 0. */
    long copyFileRange(int inFd, long inOffset, int outFd, long outOffset, long length, int flags);

    /** splice(2); each offset is the host address of a {@code loff_t}, or 0. */
    long splice(int inFd, long inOffset, int outFd, long outOffset, long length, int flags);

    long tee(int inFd, int outFd, long length, int flags);

    /** posix_fadvise(2) (fadvise64): 0 or a negative errno. */
    int fadvise(int fd, long offset, long length, int advice);

    // --- extended attributes (names are NUL-terminated byte strings) ---
    /** getxattr(2), or lgetxattr(2) when {@code followLast} is false; returns the value's size. */
    long getxattr(byte[] path, byte[] name, long value, long size, boolean followLast);

    long fgetxattr(int fd, byte[] name, long value, long size);

    /** listxattr(2), or llistxattr(2) when {@code followLast} is false. */
    long listxattr(byte[] path, long list, long size, boolean followLast);

    long flistxattr(int fd, long list, long size);

    /** setxattr(2), or lsetxattr(2) when {@code followLast} is false. */
    int setxattr(byte[] path, byte[] name, long value, long size, int flags, boolean followLast);

    int fsetxattr(int fd, byte[] name, long value, long size, int flags);

    /** removexattr(2), or lremovexattr(2) when {@code followLast} is false. */
    int removexattr(byte[] path, byte[] name, boolean followLast);

    int fremovexattr(int fd, byte[] name);

    // --- sockets ---
    // Addresses are host pointers to Linux x86_64 sockaddr structures; a length pointer points to
    // a socklen_t (int) that is read and updated as the Linux call does. msghdr and cmsg use the
    // Linux x86_64 layouts. Host sockets never raise SIGPIPE in the host process.

    int socket(int domain, int type, int protocol);

    /** socketpair(2): returns {@code (long) fd0 << 32 | fd1}, or a negative errno. */
    long socketpair(int domain, int type, int protocol);

    int bind(int fd, long addr, int addrLen);

    int listen(int fd, int backlog);

    int accept4(int fd, long addr, long addrLenPtr, int flags);

    int connect(int fd, long addr, int addrLen);

    int shutdown(int fd, int how);

    long sendto(int fd, long buf, long len, int flags, long addr, int addrLen);

    long recvfrom(int fd, long buf, long len, int flags, long addr, long addrLenPtr);

    long sendmsg(int fd, long msghdr, int flags);

    long recvmsg(int fd, long msghdr, int flags);

    int getsockname(int fd, long addr, long addrLenPtr);

    int getpeername(int fd, long addr, long addrLenPtr);

    int setsockopt(int fd, int level, int name, long value, int len);

    int getsockopt(int fd, int level, int name, long value, long lenPtr);

    /**
     * kcmp(2) KCMP_FILE within this host process: 0 when both host fds refer to one open file
     * description, a positive value when they do not, a negative errno when the host cannot tell.
     */
    int compareFiles(int fd1, int fd2);

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

    /**
     * futex(2) on host addresses with Linux op values and flags: the result, or -errno.
     * {@code value2} travels in the timeout slot (a count, or a {@code struct timespec} address);
     * a wait blocks the calling thread, so callers bound it with a timeout.
     */
    long futex(long address, int op, int value, long value2, long address2, int value3);

    /**
     * futex_waitv(2): sleeps until one of {@code count} Linux {@code struct futex_waitv}s at
     * {@code waiters} is woken, one of their words differs from its value, the deadline passes or
     * a host signal arrives.
     *
     * @param deadline host address of an absolute {@code struct timespec} on {@code clock}, or 0
     * @return the index of the woken entry, or -errno (EAGAIN, ETIMEDOUT, EINTR...)
     */
    long futexWaitv(long waiters, int count, long deadline, int clock);

    // --- identity and environment ---
    int getpid();

    /** getpgid(2): the process group of {@code pid} (0: this process), or -errno. */
    int getpgid(int pid);

    /** getsid(2): the session of {@code pid} (0: this process), or -errno. */
    int getsid(int pid);

    /** setpgid(2), or -errno. */
    int setpgid(int pid, int pgid);

    /** setsid(2): the new session id, or -errno. */
    int setsid();

    int getuid();

    int geteuid();

    int getgid();

    int getegid();

    /** uname(2) into a host {@code struct utsname} (6 fields of 65 bytes). */
    int uname(long buf);

    /** getcwd(2) of the host process; returns the length including the NUL. */
    long getcwd(long buf, long size);

    /**
     * capget(2) of the calling host thread: {@code header} is a host {@code cap_user_header_t}
     * (version, pid), {@code data} room for the version's {@code cap_user_data_t} array.
     */
    int capget(long header, long data);

    /** capset(2) of the calling host thread (capabilities are per thread in Linux). */
    int capset(long header, long data);

    /** getrandom(2) into a host buffer. */
    long getrandom(long buf, long count, int flags);

    /** clock_gettime(2) into a host {@code struct timespec}. */
    int clockGettime(int clock, long timespec);

    // --- processes (child runtimes; defaults for hosts and test doubles without them) ---
    /**
     * posix_spawn(3) of {@code path} with an empty signal mask and default dispositions; the child
     * gets this process's fds {@code dup2[2i]} at {@code dup2[2i+1]} and no other fd from
     * {@code closeFrom} up. Returns the child's pid or -errno.
     */
    default int spawn(String path, String[] argv, String[] env, int[] dup2, int closeFrom) {
        return -38;
    }

    /**
     * {@link #spawn(String, String[], String[], int[], int)} into process group {@code processGroup}
     * (POSIX_SPAWN_SETPGROUP: 0 a new group led by the child, &gt; 0 that group of this session);
     * -1 leaves the child in this process's group.
     */
    default int spawn(String path, String[] argv, String[] env, int[] dup2, int closeFrom, int processGroup) {
        return processGroup < 0 ? spawn(path, argv, env, dup2, closeFrom) : -38;
    }

    /** execve(2) of this host process; returns only on failure (-errno). */
    default int execve(String path, String[] argv, String[] env) {
        return -38;
    }

    /** wait4(2) with a host {@code int} status and a host {@code struct rusage} (0: none). */
    default int wait4(int pid, long status, int options, long rusage) {
        return -38;
    }

    /** waitid(2) into a host {@code siginfo_t} (128 bytes). */
    default int waitid(int idType, int id, long info, int options) {
        return -38;
    }

    /** kill(2) of a host process or group. */
    default int kill(int pid, int signal) {
        return -38;
    }

    /** prctl(2) with one argument. */
    default int prctl(int option, long arg) {
        return -38;
    }

    /** getgroups(2): the host process's supplementary groups. */
    default int[] getgroups() {
        return new int[0];
    }

    /** getrusage(2) into a host {@code struct rusage} (who: RUSAGE_SELF 0, RUSAGE_CHILDREN -1, RUSAGE_THREAD 1). */
    default int getrusage(int who, long usage) {
        return -38;
    }

    /** mincore(2): one byte per page of [addr, addr + length) into host memory {@code vec}. */
    default int mincore(long addr, long length, long vec) {
        return -38;
    }

    /** pidfd_open(2): a host pidfd of process {@code pid} (always close-on-exec), or -errno. */
    default int pidfdOpen(int pid, int flags) {
        return -38;
    }

    /** close_range(2). */
    default int closeRange(int first, int last, int flags) {
        return -38;
    }

    /**
     * Ends this host process by {@code signal} as a process that does not handle it: default
     * disposition, unblocked in the calling thread, then raised. Returns only if that failed.
     */
    default int dieBySignal(int signal) {
        return -38;
    }

    /** The number of fds open in this host process (/proc/self/fd, once two listings agree); for leak checks. */
    int openFdCount();

    /** Registers a listener told whenever a host fd is closed through {@link #close}. */
    void addHostFdListener(HostFdListener listener);

    void removeHostFdListener(HostFdListener listener);
}
