package org.osgix.strace.internal;

/**
 * The Linux x86_64 constants strace shows by name, as data: one table per argument kind, in the
 * order strace prints the names (checked against strace 6.1 on this architecture).
 */
final class Tables {
    private Tables() {
    }

    // ---------------------------------------------------------------- files

    /** open/openat flags without the access mode (pipe2, dup3 and open's flags after it). */
    static final FlagTable OPEN_FLAGS = FlagTable.of("0",
            "O_CREAT", 0100, "O_EXCL", 0200, "O_NOCTTY", 0400, "O_TRUNC", 01000, "O_APPEND", 02000,
            "O_NONBLOCK", 04000, "O_SYNC", 04010000, "O_DSYNC", 010000, "O_DIRECT", 040000,
            "O_LARGEFILE", 0100000, "O_NOFOLLOW", 0400000, "O_NOATIME", 01000000, "O_CLOEXEC", 02000000,
            "O_PATH", 010000000, "O_TMPFILE", 020200000, "__O_TMPFILE", 020000000, "O_DIRECTORY", 0200000,
            "FASYNC", 020000, "__O_SYNC", 04000000);
    static final ValueTable ACCESS_MODES = ValueTable.of("O_RDONLY", 0, "O_WRONLY", 1, "O_RDWR", 2, "O_ACCMODE", 3);
    static final int O_CREAT = 0100, O_TMPFILE_BIT = 020000000;

    static final FlagTable AT_FLAGS = FlagTable.of("0",
            "AT_SYMLINK_NOFOLLOW", 0x100, "AT_REMOVEDIR", 0x200, "AT_SYMLINK_FOLLOW", 0x400,
            "AT_NO_AUTOMOUNT", 0x800, "AT_EMPTY_PATH", 0x1000, "AT_RECURSIVE", 0x8000);
    static final FlagTable STATX_SYNC = FlagTable.of("AT_STATX_SYNC_AS_STAT",
            "AT_STATX_FORCE_SYNC", 0x2000, "AT_STATX_DONT_SYNC", 0x4000);
    static final long STATX_SYNC_BITS = 0x6000;
    static final FlagTable STATX_MASK = FlagTable.of("0",
            "STATX_ALL", 0xfff, "STATX_BASIC_STATS", 0x7ff, "STATX_TYPE", 0x1, "STATX_MODE", 0x2,
            "STATX_NLINK", 0x4, "STATX_UID", 0x8, "STATX_GID", 0x10, "STATX_ATIME", 0x20, "STATX_MTIME", 0x40,
            "STATX_CTIME", 0x80, "STATX_INO", 0x100, "STATX_SIZE", 0x200, "STATX_BLOCKS", 0x400,
            "STATX_BTIME", 0x800, "STATX_MNT_ID", 0x1000, "STATX_DIOALIGN", 0x2000);
    static final FlagTable ACCESS = FlagTable.of("F_OK", "R_OK", 4, "W_OK", 2, "X_OK", 1);
    static final FlagTable RENAME = FlagTable.of("0",
            "RENAME_NOREPLACE", 1, "RENAME_EXCHANGE", 2, "RENAME_WHITEOUT", 4);
    static final ValueTable WHENCE = ValueTable.of("SEEK_SET", 0, "SEEK_CUR", 1, "SEEK_END", 2,
            "SEEK_DATA", 3, "SEEK_HOLE", 4);
    static final FlagTable MODE_SPECIAL = FlagTable.of("", "S_ISUID", 04000, "S_ISGID", 02000, "S_ISVTX", 01000);
    static final ValueTable FILE_TYPES = ValueTable.of("S_IFSOCK", 0140000, "S_IFLNK", 0120000,
            "S_IFREG", 0100000, "S_IFBLK", 060000, "S_IFDIR", 040000, "S_IFCHR", 020000, "S_IFIFO", 010000);

    static final ValueTable FCNTL_COMMANDS = ValueTable.of("F_DUPFD", 0, "F_GETFD", 1, "F_SETFD", 2,
            "F_GETFL", 3, "F_SETFL", 4, "F_GETLK", 5, "F_SETLK", 6, "F_SETLKW", 7, "F_SETOWN", 8,
            "F_GETOWN", 9, "F_SETSIG", 10, "F_GETSIG", 11, "F_SETOWN_EX", 15, "F_GETOWN_EX", 16,
            "F_OFD_GETLK", 36, "F_OFD_SETLK", 37, "F_OFD_SETLKW", 38, "F_SETLEASE", 1024,
            "F_GETLEASE", 1025, "F_NOTIFY", 1026, "F_DUPFD_CLOEXEC", 1030, "F_SETPIPE_SZ", 1031,
            "F_GETPIPE_SZ", 1032, "F_ADD_SEALS", 1033, "F_GET_SEALS", 1034);
    static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5,
            F_SETLK = 6, F_SETLKW = 7, F_GETOWN = 9, F_GETSIG = 11, F_OFD_GETLK = 36, F_OFD_SETLK = 37,
            F_OFD_SETLKW = 38, F_GETLEASE = 1025, F_DUPFD_CLOEXEC = 1030, F_GETPIPE_SZ = 1032,
            F_GET_SEALS = 1034;
    static final FlagTable FD_FLAGS = FlagTable.of("0", "FD_CLOEXEC", 1);

    // ---------------------------------------------------------------- memory

    static final FlagTable PROT = FlagTable.of("PROT_NONE", "PROT_READ", 1, "PROT_WRITE", 2, "PROT_EXEC", 4,
            "PROT_SEM", 8, "PROT_GROWSDOWN", 0x01000000, "PROT_GROWSUP", 0x02000000);
    static final ValueTable MAP_TYPES = ValueTable.of("MAP_SHARED", 1, "MAP_PRIVATE", 2, "MAP_SHARED_VALIDATE", 3);
    static final FlagTable MAP_FLAGS = FlagTable.of("0",
            "MAP_FIXED", 0x10, "MAP_ANONYMOUS", 0x20, "MAP_32BIT", 0x40, "MAP_NORESERVE", 0x4000,
            "MAP_POPULATE", 0x8000, "MAP_NONBLOCK", 0x10000, "MAP_GROWSDOWN", 0x100, "MAP_DENYWRITE", 0x800,
            "MAP_EXECUTABLE", 0x1000, "MAP_LOCKED", 0x2000, "MAP_STACK", 0x20000, "MAP_HUGETLB", 0x40000,
            "MAP_SYNC", 0x80000, "MAP_FIXED_NOREPLACE", 0x100000);
    static final FlagTable MREMAP = FlagTable.of("0",
            "MREMAP_MAYMOVE", 1, "MREMAP_FIXED", 2, "MREMAP_DONTUNMAP", 4);
    static final FlagTable MSYNC = FlagTable.of("0", "MS_SYNC", 4, "MS_ASYNC", 1, "MS_INVALIDATE", 2);
    static final ValueTable MADVICE = ValueTable.of("MADV_NORMAL", 0, "MADV_RANDOM", 1, "MADV_SEQUENTIAL", 2,
            "MADV_WILLNEED", 3, "MADV_DONTNEED", 4, "MADV_FREE", 8, "MADV_REMOVE", 9, "MADV_DONTFORK", 10,
            "MADV_DOFORK", 11, "MADV_MERGEABLE", 12, "MADV_UNMERGEABLE", 13, "MADV_HUGEPAGE", 14,
            "MADV_NOHUGEPAGE", 15, "MADV_DONTDUMP", 16, "MADV_DODUMP", 17, "MADV_WIPEONFORK", 18,
            "MADV_KEEPONFORK", 19, "MADV_COLD", 20, "MADV_PAGEOUT", 21, "MADV_POPULATE_READ", 22,
            "MADV_POPULATE_WRITE", 23, "MADV_DONTNEED_LOCKED", 24, "MADV_HWPOISON", 100);

    // ---------------------------------------------------------------- processes and threads

    static final FlagTable CLONE = FlagTable.of("0",
            "CLONE_VM", 0x100, "CLONE_FS", 0x200, "CLONE_FILES", 0x400, "CLONE_SIGHAND", 0x800,
            "CLONE_PIDFD", 0x1000, "CLONE_PTRACE", 0x2000, "CLONE_VFORK", 0x4000, "CLONE_PARENT", 0x8000,
            "CLONE_THREAD", 0x10000, "CLONE_NEWNS", 0x20000, "CLONE_SYSVSEM", 0x40000, "CLONE_SETTLS", 0x80000,
            "CLONE_PARENT_SETTID", 0x100000, "CLONE_CHILD_CLEARTID", 0x200000, "CLONE_UNTRACED", 0x800000,
            "CLONE_CHILD_SETTID", 0x1000000, "CLONE_NEWCGROUP", 0x2000000, "CLONE_NEWUTS", 0x4000000,
            "CLONE_NEWIPC", 0x8000000, "CLONE_NEWUSER", 0x10000000, "CLONE_NEWPID", 0x20000000,
            "CLONE_NEWNET", 0x40000000, "CLONE_IO", 0x80000000L);
    static final long CLONE_PIDFD = 0x1000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
            CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000;
    static final ValueTable FUTEX_COMMANDS = ValueTable.of("FUTEX_WAIT", 0, "FUTEX_WAKE", 1, "FUTEX_FD", 2,
            "FUTEX_REQUEUE", 3, "FUTEX_CMP_REQUEUE", 4, "FUTEX_WAKE_OP", 5, "FUTEX_LOCK_PI", 6,
            "FUTEX_UNLOCK_PI", 7, "FUTEX_TRYLOCK_PI", 8, "FUTEX_WAIT_BITSET", 9, "FUTEX_WAKE_BITSET", 10,
            "FUTEX_WAIT_REQUEUE_PI", 11, "FUTEX_CMP_REQUEUE_PI", 12, "FUTEX_LOCK_PI2", 13);
    static final int FUTEX_PRIVATE = 128, FUTEX_CLOCK_REALTIME = 256;
    static final FlagTable WAIT_OPTIONS = FlagTable.of("0",
            "WNOHANG", 1, "WEXITED", 4, "WSTOPPED", 2, "WCONTINUED", 8, "WNOWAIT", 0x01000000,
            "__WCLONE", 0x80000000L, "__WALL", 0x40000000, "__WNOTHREAD", 0x20000000);
    static final ValueTable ARCH_PRCTL = ValueTable.of("ARCH_SET_GS", 0x1001, "ARCH_SET_FS", 0x1002,
            "ARCH_GET_FS", 0x1003, "ARCH_GET_GS", 0x1004, "ARCH_GET_CPUID", 0x1011, "ARCH_SET_CPUID", 0x1012,
            "ARCH_MAP_VDSO_X32", 0x2001, "ARCH_MAP_VDSO_32", 0x2002, "ARCH_MAP_VDSO_64", 0x2003);
    static final ValueTable PRCTL = ValueTable.of("PR_SET_PDEATHSIG", 1, "PR_GET_PDEATHSIG", 2,
            "PR_GET_DUMPABLE", 3, "PR_SET_DUMPABLE", 4, "PR_GET_KEEPCAPS", 7, "PR_SET_KEEPCAPS", 8,
            "PR_GET_TIMERSLACK", 30, "PR_SET_TIMERSLACK", 29, "PR_SET_NAME", 15, "PR_GET_NAME", 16,
            "PR_GET_SECCOMP", 21, "PR_SET_SECCOMP", 22, "PR_CAPBSET_READ", 23, "PR_CAPBSET_DROP", 24,
            "PR_GET_TSC", 25, "PR_SET_TSC", 26, "PR_SET_CHILD_SUBREAPER", 36, "PR_GET_CHILD_SUBREAPER", 37,
            "PR_SET_NO_NEW_PRIVS", 38, "PR_GET_NO_NEW_PRIVS", 39, "PR_SET_THP_DISABLE", 41,
            "PR_GET_THP_DISABLE", 42, "PR_CAP_AMBIENT", 47, "PR_SET_VMA", 0x53564d41);
    static final ValueTable RLIMITS = ValueTable.of("RLIMIT_CPU", 0, "RLIMIT_FSIZE", 1, "RLIMIT_DATA", 2,
            "RLIMIT_STACK", 3, "RLIMIT_CORE", 4, "RLIMIT_RSS", 5, "RLIMIT_NPROC", 6, "RLIMIT_NOFILE", 7,
            "RLIMIT_MEMLOCK", 8, "RLIMIT_AS", 9, "RLIMIT_LOCKS", 10, "RLIMIT_SIGPENDING", 11,
            "RLIMIT_MSGQUEUE", 12, "RLIMIT_NICE", 13, "RLIMIT_RTPRIO", 14, "RLIMIT_RTTIME", 15);
    static final FlagTable GETRANDOM = FlagTable.of("0", "GRND_NONBLOCK", 1, "GRND_RANDOM", 2, "GRND_INSECURE", 4);

    // ---------------------------------------------------------------- time

    static final ValueTable CLOCKS = ValueTable.of("CLOCK_REALTIME", 0, "CLOCK_MONOTONIC", 1,
            "CLOCK_PROCESS_CPUTIME_ID", 2, "CLOCK_THREAD_CPUTIME_ID", 3, "CLOCK_MONOTONIC_RAW", 4,
            "CLOCK_REALTIME_COARSE", 5, "CLOCK_MONOTONIC_COARSE", 6, "CLOCK_BOOTTIME", 7,
            "CLOCK_REALTIME_ALARM", 8, "CLOCK_BOOTTIME_ALARM", 9, "CLOCK_TAI", 11);
    static final FlagTable TIMER_FLAGS = FlagTable.of("0", "TIMER_ABSTIME", 1);

    // ---------------------------------------------------------------- signals

    static final ValueTable SIGPROCMASK_HOW = ValueTable.withUnknown("SIG_???",
            "SIG_BLOCK", 0, "SIG_UNBLOCK", 1, "SIG_SETMASK", 2);
    static final FlagTable SA_FLAGS = FlagTable.of("0",
            "SA_RESTORER", 0x04000000, "SA_ONSTACK", 0x08000000, "SA_RESTART", 0x10000000,
            "SA_INTERRUPT", 0x20000000, "SA_NODEFER", 0x40000000, "SA_RESETHAND", 0x80000000L,
            "SA_SIGINFO", 4, "SA_NOCLDSTOP", 1, "SA_NOCLDWAIT", 2);
    static final long SA_RESTORER = 0x04000000;

    // ---------------------------------------------------------------- waiting on descriptors

    static final FlagTable POLL_EVENTS = FlagTable.of("0",
            "POLLIN", 1, "POLLPRI", 2, "POLLOUT", 4, "POLLERR", 8, "POLLHUP", 0x10, "POLLNVAL", 0x20,
            "POLLRDNORM", 0x40, "POLLRDBAND", 0x80, "POLLWRNORM", 0x100, "POLLWRBAND", 0x200,
            "POLLMSG", 0x400, "POLLRDHUP", 0x2000);
    static final FlagTable EPOLL_EVENTS = FlagTable.of("0",
            "EPOLLIN", 1, "EPOLLPRI", 2, "EPOLLOUT", 4, "EPOLLERR", 8, "EPOLLHUP", 0x10, "EPOLLNVAL", 0x20,
            "EPOLLRDNORM", 0x40, "EPOLLRDBAND", 0x80, "EPOLLWRNORM", 0x100, "EPOLLWRBAND", 0x200,
            "EPOLLMSG", 0x400, "EPOLLRDHUP", 0x2000, "EPOLLEXCLUSIVE", 1L << 28, "EPOLLWAKEUP", 1L << 29,
            "EPOLLONESHOT", 1L << 30, "EPOLLET", 1L << 31);
    static final ValueTable EPOLL_OPS = ValueTable.of("EPOLL_CTL_ADD", 1, "EPOLL_CTL_DEL", 2, "EPOLL_CTL_MOD", 3);
    static final FlagTable EPOLL_CREATE = FlagTable.of("0", "EPOLL_CLOEXEC", 02000000);
    static final FlagTable EVENTFD = FlagTable.of("0",
            "EFD_SEMAPHORE", 1, "EFD_CLOEXEC", 02000000, "EFD_NONBLOCK", 04000);
    static final FlagTable SIGNALFD = FlagTable.of("0", "SFD_CLOEXEC", 02000000, "SFD_NONBLOCK", 04000);

    // ---------------------------------------------------------------- ioctl

    /** The common requests by name; others print as _IOC(dir, type, nr, size). */
    static final ValueTable IOCTLS = ValueTable.of("TCGETS", 0x5401, "TCSETS", 0x5402, "TCSETSW", 0x5403,
            "TCSETSF", 0x5404, "TCGETA", 0x5405, "TCSETA", 0x5406, "TCSETAW", 0x5407, "TCSETAF", 0x5408,
            "TCSBRK", 0x5409, "TCXONC", 0x540A, "TCFLSH", 0x540B, "TIOCEXCL", 0x540C, "TIOCNXCL", 0x540D,
            "TIOCSCTTY", 0x540E, "TIOCGPGRP", 0x540F, "TIOCSPGRP", 0x5410, "TIOCOUTQ", 0x5411,
            "TIOCSTI", 0x5412, "TIOCGWINSZ", 0x5413, "TIOCSWINSZ", 0x5414, "TIOCMGET", 0x5415,
            "FIONREAD", 0x541B, "TIOCLINUX", 0x541C, "TIOCCONS", 0x541D, "FIONBIO", 0x5421,
            "TIOCNOTTY", 0x5422, "TIOCSETD", 0x5423, "TIOCGETD", 0x5424, "TIOCSBRK", 0x5427,
            "TIOCCBRK", 0x5428, "TIOCGSID", 0x5429, "TCGETS2", 0x802c542aL, "TCSETS2", 0x402c542bL,
            "TIOCGPTN", 0x80045430L, "TIOCSPTLCK", 0x40045431L, "TIOCGDEV", 0x80045432L,
            "TIOCGPTPEER", 0x5441, "FIONCLEX", 0x5450, "FIOCLEX", 0x5451, "FIOASYNC", 0x5452,
            "TIOCSERGETLSR", 0x5459, "FIOQSIZE", 0x5460, "FIOGETOWN", 0x8903, "FIOSETOWN", 0x8901,
            "SIOCGIFCONF", 0x8912, "SIOCGIFFLAGS", 0x8913, "SIOCGIFINDEX", 0x8933,
            "FICLONE", 0x40049409L, "FS_IOC_GETFLAGS", 0x80086601L, "FS_IOC_SETFLAGS", 0x40086602L,
            "BLKGETSIZE64", 0x80081272L, "RNDGETENTCNT", 0x80045200L);
    static final ValueTable IOC_DIRECTIONS = ValueTable.of("_IOC_NONE", 0, "_IOC_WRITE", 1, "_IOC_READ", 2,
            "_IOC_READ|_IOC_WRITE", 3);
}
