package org.osgix.host.posix.internal;

import com.sun.jna.Native;
import com.sun.jna.StringArray;

/** The part of {@link PosixHost} that starts, waits for and signals host processes, and their futexes. */
abstract class PosixProcessCalls extends PosixSocketCalls {
    /** pidfd_open's number, the same in every Linux syscall table. */
    private static final long SYS_PIDFD_OPEN = 434;

    /** glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336: room for both. */
    private static final int ACTIONS_SIZE = 512, ATTR_SIZE = 1024, SIGSET_SIZE = 128;
    private static final short POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int SIG_UNBLOCK = 1;
    private static final long SIG_DFL = 0;
    private static final long SYS_FUTEX = 202, SYS_FUTEX_WAITV = 449;

    PosixProcessCalls(ErrnoTranslation errnoTranslation) {
        super(errnoTranslation);
        ProcessLibC.load();
    }

    @Override
    public int spawn(String path, String[] argv, String[] env, int[] dup2, int closeFrom) {
        return spawn(path, argv, env, dup2, closeFrom, -1);
    }

    @Override
    public int spawn(String path, String[] argv, String[] env, int[] dup2, int closeFrom, int processGroup) {
        long actions = Native.malloc(ACTIONS_SIZE);
        long attr = Native.malloc(ATTR_SIZE);
        long sigsets = Native.malloc(2 * SIGSET_SIZE);
        try {
            ProcessLibC.posix_spawn_file_actions_init(actions);
            ProcessLibC.posix_spawnattr_init(attr);
            try {
                for (int i = 0; i + 1 < dup2.length; i += 2) {
                    ProcessLibC.posix_spawn_file_actions_adddup2(actions, dup2[i], dup2[i + 1]);
                }
                if (closeFrom >= 0) {
                    ProcessLibC.posix_spawn_file_actions_addclosefrom_np(actions, closeFrom);
                }
                // a guest thread blocks every asynchronous signal: the new JVM must not inherit that
                memory().fill(sigsets, 2 * SIGSET_SIZE, (byte) 0);
                memory().putLong(sigsets + SIGSET_SIZE, -1L); // signals 1-64 back to their defaults
                ProcessLibC.posix_spawnattr_setsigmask(attr, sigsets);
                ProcessLibC.posix_spawnattr_setsigdefault(attr, sigsets + SIGSET_SIZE);
                short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
                if (processGroup >= 0) {
                    ProcessLibC.posix_spawnattr_setpgroup(attr, processGroup);
                    flags |= POSIX_SPAWN_SETPGROUP;
                }
                ProcessLibC.posix_spawnattr_setflags(attr, flags);
                int[] pid = new int[1];
                int err = ProcessLibC.posix_spawn(pid, CStrings.nulTerminated(path), actions, attr,
                        new StringArray(argv), new StringArray(env));
                return err != 0 ? -linuxErrno(err) : pid[0];
            } finally {
                ProcessLibC.posix_spawn_file_actions_destroy(actions);
                ProcessLibC.posix_spawnattr_destroy(attr);
            }
        } finally {
            Native.free(actions);
            Native.free(attr);
            Native.free(sigsets);
        }
    }

    @Override
    public long futex(long address, int op, int value, long value2, long address2, int value3) {
        return checked(ProcessLibC.syscall(SYS_FUTEX, address, op, value, value2, address2, value3));
    }

    @Override
    public long futexWaitv(long waiters, int count, long deadline, int clock) {
        return checked(ProcessLibC.syscall(SYS_FUTEX_WAITV, waiters, count, 0, deadline, clock, 0));
    }

    @Override
    public int execve(String path, String[] argv, String[] env) {
        return checked(ProcessLibC.execve(CStrings.nulTerminated(path), new StringArray(argv), new StringArray(env)));
    }

    @Override
    public int wait4(int pid, long status, int options, long rusage) {
        return checked(ProcessLibC.wait4(pid, status, options, rusage));
    }

    @Override
    public int waitid(int idType, int id, long info, int options) {
        return checked(ProcessLibC.waitid(idType, id, info, options));
    }

    @Override
    public int kill(int pid, int signal) {
        return checked(ProcessLibC.kill(pid, signal));
    }

    @Override
    public int prctl(int option, long arg) {
        return checked(ProcessLibC.prctl(option, arg, 0, 0, 0));
    }

    @Override
    public int[] getgroups() {
        // the JVM never calls setgroups, so the count cannot change between the two calls
        int count = ProcessLibC.getgroups(0, null);
        int[] groups = new int[Math.max(count, 0)];
        int got = count > 0 ? ProcessLibC.getgroups(count, groups) : 0;
        return got == count ? groups : new int[0];
    }

    @Override
    public int getrusage(int who, long usage) {
        return checked(ProcessLibC.getrusage(who, usage));
    }

    @Override
    public int mincore(long addr, long length, long vec) {
        return checked(ProcessLibC.mincore(addr, length, vec));
    }

    @Override
    public int pidfdOpen(int pid, int flags) {
        return (int) checked(LibC.syscall(SYS_PIDFD_OPEN, pid, flags, 0));
    }

    @Override
    public int closeRange(int first, int last, int flags) {
        return checked(ProcessLibC.close_range(first, last, flags));
    }

    @Override
    public int dieBySignal(int signal) {
        ProcessLibC.signal(signal, SIG_DFL);
        long set = Native.malloc(SIGSET_SIZE);
        try {
            memory().fill(set, SIGSET_SIZE, (byte) 0);
            memory().putLong(set, 1L << (signal - 1));
            ProcessLibC.pthread_sigmask(SIG_UNBLOCK, set, 0);
        } finally {
            Native.free(set);
        }
        return checked(ProcessLibC.raise(signal));
    }
}
