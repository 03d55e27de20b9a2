package org.osgix.syscall;

import java.util.List;
import java.util.function.Supplier;
import org.osgi.annotation.versioning.ProviderType;
import org.osgix.fd.FdTable;

/** A guest process: its address space, descriptor table, threads and limits. */
@ProviderType
public interface GuestProcess {
    int RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3, RLIMIT_CORE = 4,
        RLIMIT_RSS = 5, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_MEMLOCK = 8, RLIMIT_AS = 9,
        RLIMIT_LOCKS = 10, RLIMIT_SIGPENDING = 11, RLIMIT_MSGQUEUE = 12, RLIMIT_NICE = 13,
        RLIMIT_RTPRIO = 14, RLIMIT_RTTIME = 15, RLIMIT_NLIMITS = 16;
    long RLIM_INFINITY = -1L;

    int pid();

    int ppid();

    AddressSpace memory();

    FdTable fds();

    /** The guest's path of the running program (what /proc/self/exe shows). */
    String executable();

    /**
     * The command name (what /proc/self/comm shows, before TASK_COMM_LEN cuts it): as Linux, the
     * last component of the path execve was given, a script's own name included.
     */
    default String commandName() {
        String exe = executable();
        return exe == null ? "" : exe.substring(exe.lastIndexOf('/') + 1);
    }

    /** The program's arguments (what /proc/self/cmdline shows). */
    List<String> arguments();

    /** The environment the program started with (what /proc/self/environ shows); empty when not known. */
    default List<String> environment() {
        return List.of();
    }

    /**
     * The auxiliary vector the loader gave the program, as /proc/self/auxv shows it: raw
     * little-endian (type, value) pairs up to and including AT_NULL. Empty when not known.
     */
    default byte[] auxv() {
        return new byte[0];
    }

    /** The soft limit of resource {@code res} (RLIM_INFINITY = -1). */
    long rlimitCurrent(int res);

    /** The hard limit of resource {@code res}. */
    long rlimitMaximum(int res);

    /**
     * The process's user and group ids as the guest sees them (Linux keeps them per thread; here
     * one set per process). The host still checks file access with the runtime's own ids.
     */
    default Credentials credentials() {
        throw new UnsupportedOperationException("this process keeps no credentials");
    }

    /** Replaces the ids ({@link #credentials()} returns {@code next} from now on). */
    default void setCredentials(Credentials next) {
        throw new UnsupportedOperationException("this process keeps no credentials");
    }

    /** setrlimit semantics: 0, -EINVAL (cur &gt; max, bad res) or -EPERM (raising max). */
    int setRlimit(int res, long current, long maximum);

    /**
     * Creates a thread (clone with CLONE_THREAD) that, once {@link GuestThread#start() started},
     * resumes at the parent's syscall return with a result of 0, a copy of the parent's
     * registers, the stack pointer {@code stack} (when non-zero) and the TLS base {@code tls}
     * (when {@code setTls}).
     */
    GuestThread newThread(GuestThread parent, long stack, boolean setTls, long tls);

    /**
     * vfork (clone with CLONE_VM|CLONE_VFORK): a child process runs on this process's memory from
     * {@code parent}'s registers (result 0, stack pointer {@code stack} when non-zero) while
     * {@code parent} waits until the child calls execve or exits. Returns the child's pid or
     * -errno; {@code started} is told the pid before the child runs (CLONE_PARENT_SETTID).
     */
    default long vfork(GuestThread parent, long stack, java.util.function.IntConsumer started) {
        return -Errno.ENOSYS;
    }

    /**
     * fork (clone without CLONE_VM): a child process with a copy of this address space, the fd
     * table (the same open file descriptions), signal dispositions and {@code parent}'s mask,
     * resuming from {@code parent}'s registers with result 0 (stack pointer {@code stack} when
     * non-zero); only that thread exists in the child. {@code setChildTid} / {@code clearChildTid}
     * (non-zero) are CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID addresses in the child. Returns
     * the child's pid or -errno; {@code started} is told the pid first.
     */
    default long fork(GuestThread parent, long stack, long setChildTid, long clearChildTid,
            java.util.function.IntConsumer started) {
        return -Errno.ENOSYS;
    }

    /**
     * kill(2) of the processes {@code pid} names other than this one (&gt; 0 a pid, 0 this
     * process group, &lt; -1 group -pid, -1 every process of this session). Returns how many were
     * signalled (0: none but this one may be meant), or -errno (ESRCH, EPERM).
     */
    default int signalOthers(int pid, int signal) {
        return pid > 0 && pid != pid() ? -Errno.ESRCH : 0;
    }

    /**
     * Runs {@code op} while no guest instruction runs (for read-modify-write of guest memory that
     * must be atomic with respect to guest atomics, e.g. FUTEX_WAKE_OP, robust lists).
     */
    long exclusive(java.util.function.LongSupplier op);

    /**
     * A launch option of this process ({@code ./osgix --sysroot=DIR} gives option "sysroot"),
     * or null when not given. Families read their own options (e.g. "sysroot", "poll", "compat").
     */
    String option(String name);

    /** The live thread with thread id {@code tid}, or null. */
    GuestThread thread(int tid);

    /** Live threads. */
    int threadCount();

    /** The live threads (a snapshot; signal delivery picks one). Test doubles may have none. */
    default java.util.Collection<? extends GuestThread> threads() {
        return java.util.List.of();
    }

    /** Ends every thread of the process; the process exits with {@code status}. */
    void exitGroup(int status);

    /**
     * Ends every thread as if {@code signal} killed the process (its default action was to
     * terminate): the launcher exits with 128 + signal, as a shell reports such a death. The
     * default only approximates it with exit_group; the kernel records the signal.
     */
    default void killBySignal(int signal) {
        exitGroup(128 + signal);
    }

    /**
     * execve in place: replaces the program of this process with {@code request} for the calling
     * thread {@code caller}, keeping the pid. Before the point of no return a failure leaves the
     * old program untouched and is returned as -errno (ENOENT, EACCES, ENOEXEC, E2BIG...); after
     * it the other threads are gone, the caller runs the new program as the main thread (tid =
     * pid) and 0 is returned, which the new program finds in its result register. The request's
     * {@code hostPath} must stay valid during the call.
     */
    default int execve(GuestThread caller, org.osgix.exec.ExecRequest request) {
        return -Errno.ENOSYS;
    }

    /** True once exit_group (or a fatal signal) has begun. */
    boolean isExiting();

    /**
     * Per-process state a family keeps (futex queues, epoll instances...): returns the instance
     * for {@code key}, creating it with {@code init} on first use.
     */
    <T> T state(Class<T> key, Supplier<T> init);
}
