/*
 * syscall-fuzz SEED COUNT [TRACE-FILE]: a seeded, deterministic storm of COUNT raw syscalls with
 * hostile arguments (NULL, 1, unmapped, kernel-half and non-canonical pointers, page-straddling
 * buffers, huge and negative sizes, negative, closed and live fds of every kind the program can
 * open), then a check that the process still works.
 *
 * It must be safe to run natively as root, so it never acts outside itself: it works in a fresh
 * directory under the current one (the caller removes it), reaches files only by relative names
 * or its own fds, and leaves out every call that ends or replaces the process, signals or
 * inspects other processes, or changes the machine (mounts, clocks, modules, credentials,
 * scheduling). Calls that could wait forever get their timeouts or non-blocking flags forced.
 *
 * The sequence depends on SEED only (never on results), so a native and an emulated run make the
 * same calls; with TRACE-FILE each call's result class (one line "STEP NR ok" or "STEP NR -ERRNO") is
 * written there for tests/fuzz/run to compare. stdout is deterministic: the call count and the
 * checks after the storm.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

/* x86_64 syscall numbers (fixed ABI) of the calls this program treats specially. */
enum {
    NR_poll = 7, NR_lseek = 8, NR_mmap = 9, NR_mprotect = 10, NR_munmap = 11, NR_brk = 12,
    NR_rt_sigaction = 13, NR_ioctl = 16, NR_pwrite64 = 18, NR_select = 23, NR_mremap = 25,
    NR_msync = 26, NR_madvise = 28, NR_sendfile = 40, NR_socket = 41, NR_socketpair = 53,
    NR_fcntl = 72, NR_flock = 73, NR_truncate = 76, NR_ftruncate = 77, NR_rt_sigtimedwait = 128,
    NR_mlock = 149, NR_munlock = 150, NR_prctl = 157, NR_futex = 202, NR_remap_file_pages = 216,
    NR_epoll_wait = 232, NR_mbind = 237, NR_pselect6 = 270, NR_ppoll = 271, NR_splice = 275,
    NR_tee = 276, NR_vmsplice = 278, NR_epoll_pwait = 281, NR_timerfd_create = 283,
    NR_fallocate = 285, NR_accept4 = 288, NR_signalfd4 = 289, NR_eventfd2 = 290, NR_pipe2 = 293,
    NR_inotify_init1 = 294, NR_pwritev = 296, NR_recvmmsg = 299, NR_mlock2 = 325,
    NR_copy_file_range = 326, NR_pwritev2 = 328, NR_pkey_mprotect = 329, NR_close_range = 436,
    NR_epoll_pwait2 = 441, NR_futex_waitv = 449, NR_MAX = 470,
};

/*
 * Left out: ends or replaces the process, signals or inspects other processes, changes the
 * machine or the process's credentials/scheduling/limits, could arm a signal that kills it, or
 * breaks its own code or TLS. Conservative on purpose.
 */
static const int excluded[] = {
    15 /* rt_sigreturn */, 22 /* pipe: no flags, use pipe2 */, 34 /* pause */, 37 /* alarm */,
    38 /* setitimer */, 43 /* accept: no flags */, 56, 57, 58, 59, 60 /* clone fork vfork execve exit */,
    62 /* kill */, 101 /* ptrace */, 105, 106 /* setuid setgid */, 109 /* setpgid */, 112 /* setsid */,
    113, 114, 116, 117, 119 /* setre/setres uid/gid, setgroups */, 122, 123 /* setfsuid setfsgid */,
    126 /* capset */, 130 /* rt_sigsuspend */, 133 /* mknod */, 134 /* uselib */,
    135 /* personality */, 141 /* setpriority */, 142, 144, 203 /* sched_setparam/scheduler/affinity */,
    151 /* mlockall */, 153 /* vhangup */, 154 /* modify_ldt */, 155 /* pivot_root */, 156 /* _sysctl */,
    158 /* arch_prctl */, 159 /* adjtimex */, 160 /* setrlimit */, 161 /* chroot */, 162 /* sync */,
    163 /* acct */, 164 /* settimeofday */, 165, 166 /* mount umount2 */, 167, 168 /* swapon swapoff */,
    169 /* reboot */, 170, 171 /* sethostname setdomainname */, 172, 173 /* iopl ioperm */,
    175, 176 /* init_module delete_module */, 179 /* quotactl */, 200 /* tkill */,
    205 /* set_thread_area */, 206, 207, 208, 209, 210 /* io_setup..io_cancel */, 222 /* timer_create */,
    227 /* clock_settime */, 231 /* exit_group */, 234 /* tgkill */, 240, 241, 242, 243, 244, 245
    /* mq_* */, 246 /* kexec_load */, 248, 249, 250 /* add_key request_key keyctl */,
    251 /* ioprio_set */, 253 /* inotify_init: no flags */, 256 /* migrate_pages */,
    259 /* mknodat */, 272 /* unshare */, 279 /* move_pages */, 282 /* signalfd: no flags */,
    284 /* eventfd: no flags */, 297 /* rt_tgsigqueueinfo */, 298 /* perf_event_open */,
    300, 301 /* fanotify */, 304 /* open_by_handle_at */, 305 /* clock_adjtime */, 306 /* syncfs */,
    308 /* setns */, 310, 311 /* process_vm_readv/writev */, 312 /* kcmp */, 313 /* finit_module */,
    314 /* sched_setattr */, 317 /* seccomp */, 320 /* kexec_file_load */, 321 /* bpf */,
    322 /* execveat */, 323 /* userfaultfd */, 333, 334 /* io_pgetevents rseq */, 335 /* uretprobe */,
    424 /* pidfd_send_signal */, 425, 426, 427 /* io_uring */, 428, 429, 430, 431, 432, 433
    /* open_tree move_mount fsopen fsconfig fsmount fspick */, 434 /* pidfd_open */, 435 /* clone3 */,
    438 /* pidfd_getfd */, 440 /* process_madvise */, 442 /* mount_setattr */, 443 /* quotactl_fd */,
    444, 445, 446 /* landlock */, 447 /* memfd_secret */, 448 /* process_mrelease */,
    453 /* map_shadow_stack */, 455 /* futex_wait */, 460 /* lsm_set_self_attr */, 462 /* mseal */,
    467 /* open_tree_attr */, 469 /* file_setattr */, 129 /* rt_sigqueueinfo */,
    302 /* prlimit64: takes any pid */, 103 /* syslog: clears the kernel log, turns the console off */,
    /* System V IPC outlives the process */
    29, 30, 31, 64, 65, 66, 67, 68, 69, 70, 71, 220,
};

/* Numbers past the table, to see ENOSYS for them. */
static const long out_of_range[] = { 471, 500, 548, 1023, 4096, 100000, 0x3fffffff };

static unsigned char skip[NR_MAX];

/* ---- deterministic random numbers (xorshift64*) ---- */
static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}
static long pick(const long *v, int n) { return v[rnd() % n]; }

/* ---- the memory the calls may point into ----
 * arena: [pattern page][zero page][string page][guard page, PROT_NONE]; rebuilt before every
 * call, so no call sees what an earlier one wrote (a read could otherwise build a path).
 * Every string is at least 16 bytes long: a string read as a timespec then has an invalid
 * tv_nsec, so no call can sleep on it. */
#define PAGE 4096
#define HOLE_SIZE (16L << 20)
static char *arena, *hole;
static const char *const strings[] = {
    "fuzz-file-regular", "fuzz-directory-01", "fuzz-directory-01/inner-file-01", "fuzz-symlink-0001",
    "fuzz-new-name-001", "././././././././.", "fuzz-missing-dir/file-in-it", "fuzz-file-regular/not-a-dir",
};
#define SLOT 64
#define STRING_SLOTS 8
#define LONG_NAME_AT (STRING_SLOTS * SLOT)     /* a 300-byte component: ENAMETOOLONG */
#define UNTERMINATED_AT (PAGE - 100)          /* runs into the guard page: EFAULT */

static void refill(void)
{
    memset(arena, 0xa5, PAGE);
    memset(arena + PAGE, 0, 2 * PAGE);
    char *s = arena + 2 * PAGE;
    for (int i = 0; i < STRING_SLOTS; i++)
        strcpy(s + i * SLOT, strings[i]);
    memset(s + LONG_NAME_AT, 'b', 300);
    memset(s + UNTERMINATED_AT, 'u', 100);
}

/* ---- the palettes ---- */
#define MAX_FDS 40
static long fds[MAX_FDS];
static int nfds;
static const long fd_values[] = { -1, -2, -100 /* AT_FDCWD */, 0x7fffffff, 1L << 20, 4095, -0x7fffffffL - 1 };
static const long int_values[] = {
    0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 63, 64, 65, 127, 128, 255, 256, 1024, 4096,
    0x7fffffff, 0x80000000L, 0xffffffffL, -1, -2, 1L << 32, 0x7fffffffffffffffL,
};
static const long size_values[] = {
    0, 1, 7, 8, 16, 4095, 4096, 4097, 8192, 65536, 1L << 20, -1, -4096,
    0x7fffffffffffffffL, (long) 0x8000000000000000UL, 1L << 62,
};
static long pointer(void)
{
    char *s = arena + 2 * PAGE;
    switch (rnd() % 17) {
    case 0: return 0;
    case 1: return 1;
    case 2: return -1;
    case 3: return (long) 0xffff800000000000UL;             /* kernel half */
    case 4: return (long) 0xffffffff81000000UL;
    case 5: return 0x800000000000L;                          /* non-canonical */
    case 6: return (long) hole;                               /* mapped PROT_NONE */
    case 7: return (long) (hole + PAGE - 1);
    case 8: return (long) arena;                              /* 0xa5 pattern */
    case 9: return (long) (arena + PAGE - 8);                 /* straddles pattern and zeros */
    case 10: return (long) (arena + PAGE);                    /* zeros */
    case 11: return (long) (arena + 3 * PAGE - 8);            /* straddles into the guard page */
    case 12: return (long) (arena + 3 * PAGE - 1);
    case 13: return (long) (s + LONG_NAME_AT);
    case 14: return (long) (s + UNTERMINATED_AT);
    case 15: return (long) (arena + 2 * PAGE + 4095 - 3);     /* 3 bytes before the guard */
    default: return (long) (s + (rnd() % STRING_SLOTS) * SLOT);
    }
}
static long argument(void)
{
    switch (rnd() % 8) {
    case 0: case 1: case 2: return pointer();
    case 3: case 4: return rnd() % 2 && nfds ? fds[rnd() % nfds] : pick(fd_values, sizeof fd_values / sizeof *fd_values);
    case 5: return pick(int_values, sizeof int_values / sizeof *int_values);
    case 6: return pick(size_values, sizeof size_values / sizeof *size_values);
    default: return rnd() % 2 ? (long) rnd() : (long) (rnd() % 64);
    }
}

/* A kind the system lacks gets a read-only regular file in its place: the numbers of the kinds
 * after it, and so the whole storm, stay the same on every system. */
static void add_fd(long fd)
{
    if (fd < 0)
        fd = open("fuzz-file-regular", O_RDONLY);
    if (fd >= 0 && nfds < MAX_FDS)
        fds[nfds++] = fd;
}

/* Every kind of descriptor this program can open; a kind the system lacks is just missing. */
static void open_fds(void)
{
    int p[2], sv[2];
    add_fd(open("fuzz-file-regular", O_RDWR | O_CREAT | O_TRUNC, 0644));
    add_fd(open("fuzz-file-regular", O_RDONLY));
    add_fd(open("fuzz-file-regular", O_WRONLY | O_APPEND));
    add_fd(open(".", O_RDONLY | O_DIRECTORY));
    add_fd(open(".", O_PATH));
    add_fd(open("fuzz-directory-01", O_RDONLY | O_DIRECTORY));
    if (syscall(NR_pipe2, p, O_NONBLOCK) != 0)
        p[0] = p[1] = -1;
    add_fd(p[0]); add_fd(p[1]);
    mkfifo("fuzz-fifo-000000001", 0600); /* its name is in no palette: no call can reopen it blocking */
    add_fd(open("fuzz-fifo-000000001", O_RDWR | O_NONBLOCK));
    for (int type = SOCK_STREAM; type <= SOCK_DGRAM; type++) {
        if (socketpair(AF_UNIX, type | SOCK_NONBLOCK, 0, sv) != 0)
            sv[0] = sv[1] = -1;
        add_fd(sv[0]); add_fd(sv[1]);
    }
    add_fd(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    add_fd(socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0));
    add_fd(socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0));
    add_fd(syscall(NR_eventfd2, 0, O_NONBLOCK));
    add_fd(syscall(291 /* epoll_create1 */, 0));
    add_fd(syscall(319 /* memfd_create */, "fuzz-memfd", 0));
    add_fd(syscall(NR_inotify_init1, O_NONBLOCK));
    add_fd(syscall(NR_timerfd_create, 1, O_NONBLOCK));
    uint64_t mask = 1UL << (SIGUSR1 - 1);
    add_fd(syscall(NR_signalfd4, -1, &mask, 8, O_NONBLOCK));
    int closed = open(".", O_RDONLY);   /* a number that was an fd and is closed now */
    if (closed >= 0) { close(closed); fds[nfds++] = closed; }
    fds[nfds++] = 0; fds[nfds++] = 1; fds[nfds++] = 2;
}

/* Signals the storm could raise on itself stay ignored whatever it does to their actions. */
static void protect_signals(void)
{
    static const int ignored[] = { SIGPIPE, SIGXFSZ, SIGIO, SIGURG, SIGTTIN, SIGTTOU, SIGCHLD, SIGWINCH };
    for (unsigned i = 0; i < sizeof ignored / sizeof *ignored; i++)
        signal(ignored[i], SIG_IGN);
}

static int in_arena(long a) { return (unsigned long) a - (unsigned long) arena < 4UL * PAGE; }
static long clamp_size(long v) { return v > (1L << 20) ? (1L << 20) + 1 : v; }
/* A length that keeps [start, start+length) inside the hole or inside the empty first MiB. */
static long fit(long start, long length)
{
    if (start == (long) hole)
        return (unsigned long) length > HOLE_SIZE ? HOLE_SIZE : length;
    if ((unsigned long) start < (1UL << 20))
        return (unsigned long) length > (1UL << 20) - start ? (long) ((1UL << 20) - start) : length;
    return length;
}
static long zeros(void) { return (long) (arena + PAGE); }

/*
 * A timeout argument that cannot wait long: no timeout (forever) and the string page (select
 * normalizes a huge tv_usec into seconds) become zeros; bad pointers stay bad.
 */
static long short_wait(long timeout)
{
    return timeout == 0 || (unsigned long) timeout - (unsigned long) (arena + 2 * PAGE) < PAGE ? zeros() : timeout;
}

/* The report fds: above every number a palette holds, out of reach of close_range (see guard). */
#define OUT_FD 900
#define TRACE_FD 901

/*
 * Makes one call safe to run; returns 0 to leave it out. Nothing here depends on a result,
 * so the same seed gives the same calls everywhere.
 */
static int guard(long nr, long *a)
{
    switch (nr) {
    case NR_mmap:
        if (a[3] & MAP_FIXED && a[0] != (long) hole)
            a[3] &= ~MAP_FIXED;
        if (a[3] & MAP_FIXED && a[1] >= 0)
            a[1] = fit(a[0], a[1]);
        if (a[1] > (1L << 20))
            a[3] &= ~MAP_POPULATE;   /* no gigabytes of real memory */
        return 1;
    case NR_mprotect: case NR_munmap: case NR_mremap: case NR_madvise: case NR_mlock: case NR_munlock:
    case NR_msync: case NR_remap_file_pages: case NR_mbind: case NR_mlock2: case NR_pkey_mprotect:
    case NR_brk:
        /* the arena and the program itself stay as they are: a range starts in the hole, below
         * 1 MiB (nothing is mapped there) or where no user address is, and stays there */
        if (a[0] != (long) hole && (unsigned long) a[0] >= (1UL << 20) && (unsigned long) a[0] < 0x800000000000UL)
            a[0] = (long) hole;
        if (a[1] >= 0)               /* a "negative" length wraps and fails early; madvise acts on what it can first */
            a[1] = fit(a[0], a[1]);
        if (nr == NR_brk && a[0] != 0 && a[0] != 1 && a[0] > 0)
            a[0] = 1;                /* never move the heap malloc uses */
        if (nr == NR_mremap)
            a[3] &= ~3L;             /* no MREMAP_FIXED, no MREMAP_MAYMOVE onto arbitrary places */
        if (nr == NR_madvise && (a[2] == 100 || a[2] == 101 || a[2] == 22 || a[2] == 23))
            a[2] = 0;                /* no MADV_HWPOISON/SOFT_OFFLINE, no populating */
        return 1;
    case NR_rt_sigaction:
        return 1;                    /* protect_signals() runs after it */
    case NR_close_range: {
        unsigned first = (unsigned) a[0], last = (unsigned) a[1];   /* the kernel reads unsigned ints */
        if (first <= OUT_FD + 1 && last >= OUT_FD)
            a[1] = OUT_FD - 1;
        return first < OUT_FD;
    }
    case NR_fcntl:
        if (a[1] == F_SETFL)
            a[2] |= O_NONBLOCK;      /* a blocking pipe read would wait forever */
        if (a[1] == F_SETLKW)
            a[1] = F_SETLK;
        if (a[1] == 38 /* F_OFD_SETLKW */)
            a[1] = 37;
        /* no owner for SIGIO/SIGURG: with O_ASYNC it could be another process */
        return a[1] != F_SETOWN && a[1] != 15 /* F_SETOWN_EX */ && a[1] != F_SETSIG;
    case NR_flock:
        a[1] |= LOCK_NB;
        return 1;
    case NR_ioctl: {
        /* only requests known to stay inside the process; others could reconfigure the host */
        static const long requests[] = {
            0x541B /* FIONREAD */, 0x5421 /* FIONBIO */, 0x5451 /* FIOCLEX */, 0x5450 /* FIONCLEX */,
            0x5401 /* TCGETS */, 0x5413 /* TIOCGWINSZ */, 0x540F /* TIOCGPGRP */, 0x80086601 /* FS_IOC_GETFLAGS */,
            0x8910 /* SIOCGIFNAME */, 0x8927 /* SIOCGIFHWADDR */, 0, -1, 0x12345678, 0xdeadbeef, 0x4004AE00,
        };
        a[1] = pick(requests, sizeof requests / sizeof *requests);
        if (a[1] == 0x5421)
            a[2] = (long) arena;     /* FIONBIO with a non-zero int: never back to blocking */
        return 1;
    }
    case NR_socket: case NR_socketpair: {
        static const long domains[] = { 0, 1 /* AF_UNIX */, 2 /* AF_INET */, 10 /* AF_INET6 */, -1, 4242 };
        static const long types[] = { 0, 1, 2, 5, 3 /* SOCK_RAW */, 99, -1 };
        a[0] = pick(domains, sizeof domains / sizeof *domains);
        a[1] = pick(types, sizeof types / sizeof *types);
        if (a[1] == 3 && a[0] != 1)
            a[1] = 2;                /* no raw IP sockets */
        a[1] |= SOCK_NONBLOCK;
        return 1;
    }
    case NR_accept4: a[3] |= SOCK_NONBLOCK; return 1;
    case NR_pipe2: case NR_eventfd2: case NR_timerfd_create: a[1] |= O_NONBLOCK; return 1;
    case NR_inotify_init1: a[0] |= O_NONBLOCK; return 1;
    case NR_signalfd4: a[3] |= O_NONBLOCK; return 1;
    case NR_splice: a[5] |= 2 /* SPLICE_F_NONBLOCK */; a[4] = clamp_size(a[4]); return 1;
    case NR_tee: case NR_vmsplice: a[3] |= 2; return 1;
    /* files stay small: no offset or length past 1 MiB that would make a huge (sparse) file */
    case NR_pwrite64: case NR_pwritev: case NR_pwritev2: a[3] = clamp_size(a[3]); return 1;
    case NR_lseek: case NR_ftruncate: case NR_truncate: a[1] = clamp_size(a[1]); return 1;
    case NR_fallocate: a[2] = clamp_size(a[2]); a[3] = clamp_size(a[3]); return 1;
    case NR_sendfile: a[3] = clamp_size(a[3]); return 1;
    case NR_copy_file_range: a[4] = clamp_size(a[4]); return 1;
    /* waits end at once */
    case NR_poll: a[2] = 0; return 1;
    case NR_epoll_wait: case NR_epoll_pwait: a[3] = 0; return 1;
    case NR_select: case NR_pselect6: a[4] = short_wait(a[4]); return 1;
    case NR_ppoll: case NR_rt_sigtimedwait: a[2] = short_wait(a[2]); return 1;
    case NR_epoll_pwait2: case NR_futex_waitv: case NR_futex: a[3] = short_wait(a[3]); return 1;
    case NR_recvmmsg: a[4] = short_wait(a[4]); return 1;
    case NR_prctl: {
        static const long options[] = { 0, 2, 3, 7, 16, 21, 23, 30, 37, 39, 40, 42, 15, 1000, -1 };
        a[0] = pick(options, sizeof options / sizeof *options);
        return 1;
    }
    }
    return 1;
}

static char trace_buf[1 << 16];
static int trace_len;
static void trace_flush(void)
{
    if (trace_len > 0 && write(TRACE_FD, trace_buf, trace_len) < 0) {
        /* the trace is best effort; the storm matters */
    }
    trace_len = 0;
}

/* "STEP NR CLASS": the step (not the call count) pairs calls up even where a guard left a call
 * out on one side only (a guard looks at fd numbers, which differ when a kind cannot be opened). */
static void trace(long step, long nr, long r)
{
    if (trace_len > (int) sizeof trace_buf - 64)
        trace_flush();
    trace_len += r < 0 && r >= -4095
        ? snprintf(trace_buf + trace_len, sizeof trace_buf - trace_len, "%ld %ld %ld\n", step, nr, r)
        : snprintf(trace_buf + trace_len, sizeof trace_buf - trace_len, "%ld %ld ok\n", step, nr);
}

static void report(const char *fmt, long v)
{
    char line[128];
    int n = snprintf(line, sizeof line, fmt, v);
    if (write(OUT_FD, line, n) != n)
        _exit(3);
}

/* After the storm: the process still opens, writes, reads, pipes and allocates. */
static int still_works(void)
{
    syscall(NR_close_range, 3, OUT_FD - 1, 0);
    int p[2];
    char buf[8] = { 0 };
    if (pipe(p) != 0 || write(p[1], "alive", 5) != 5 || read(p[0], buf, 8) != 5 || memcmp(buf, "alive", 5))
        return 0;
    char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return 0;
    memset(m, 7, 1 << 20);
    return m[12345] == 7 && getpid() > 0;
}

/* Removes what the storm made (whatever modes it left), without following symlinks. */
static int remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT;
    if (!S_ISDIR(st.st_mode))
        return unlink(path) == 0;
    chmod(path, 0700);
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int ok = 1;
    struct dirent *e;
    char child[4096];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) >= (int) sizeof child) {
            ok = 0;
            continue;
        }
        ok &= remove_tree(child);
    }
    closedir(d);
    return rmdir(path) == 0 && ok;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: syscall-fuzz SEED COUNT [TRACE-FILE]\n");
        return 2;
    }
    rng_state = strtoull(argv[1], NULL, 0) * 0x9E3779B97F4A7C15ULL | 1;
    long count = strtol(argv[2], NULL, 0);
    int trace_on = argc > 3;

    /* report fds first, then nothing else: no fd inherited from the caller is in the palettes */
    if (dup2(1, OUT_FD) < 0 || (trace_on && open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644) < 0))
        return 2;
    if (trace_on && dup2(3, TRACE_FD) < 0)
        return 2;
    syscall(NR_close_range, 3, OUT_FD - 1, 0);

    char dir[4096];
    if (!getcwd(dir, sizeof dir - 32))
        return 2;
    strcat(dir, "/syscall-fuzz-work-XXXXXX");   /* absolute: the storm may leave the cwd anywhere */
    if (!mkdtemp(dir))
        return 2;
    /* As root, give up root first (a second line of defence behind the left-out calls): natively
     * the storm then cannot touch other users' processes or the machine. The saved uid stays 0
     * only to remove the work directory afterwards (set*id and capset are left out of the storm).
     * Under an emulator without set*id the calls fail and the emulator is the fence. */
    int was_root = geteuid() == 0 && chown(dir, 65534, 65534) == 0;
    if (was_root) {
        syscall(116 /* setgroups */, 0, NULL);
        syscall(119 /* setresgid */, 65534, 65534, 0);
        syscall(117 /* setresuid */, 65534, 65534, 0);
    }
    if (chdir(dir) != 0 || mkdir("fuzz-directory-01", 0755) != 0)
        return 2;
    /* the guest's own stdio become files of the work dir: the storm writes and chmods them freely */
    int out = open("fuzz-stdio-0000001", O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || dup2(out, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0 || close(out) != 0)
        return 2;

    arena = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    hole = mmap(NULL, HOLE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (arena == MAP_FAILED || hole == MAP_FAILED || mprotect(arena + 3 * PAGE, PAGE, PROT_NONE) != 0)
        return 2;
    protect_signals();
    open_fds();
    for (unsigned i = 0; i < sizeof excluded / sizeof *excluded; i++)
        skip[excluded[i]] = 1;

    long made = 0;
    for (long i = 0; made < count; i++) {
        long nr = rnd() % (NR_MAX + 1);
        if (nr > 335 && nr < 424)
            nr = rnd() % 336;        /* numbers never assigned on x86_64: spend the call elsewhere */
        else if (nr == NR_MAX)
            nr = pick(out_of_range, sizeof out_of_range / sizeof *out_of_range);
        long a[6];
        for (int k = 0; k < 6; k++)
            a[k] = argument();
        if ((nr < NR_MAX && skip[nr]) || !guard(nr, a))
            continue;
        refill();
        long r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        r = r == -1 ? -errno : r;
        made++;
        if (nr == NR_rt_sigaction)
            protect_signals();
        if (trace_on)
            trace(i, nr, r);
    }
    if (trace_on)
        trace_flush();
    report("calls made: %ld\n", made);
    report("the process works after the storm: %ld\n", still_works());
    if (was_root)
        syscall(117 /* setresuid */, -1, 0, -1);
    report("its work directory is removed: %ld\n", remove_tree(dir));
    return 0;
}
