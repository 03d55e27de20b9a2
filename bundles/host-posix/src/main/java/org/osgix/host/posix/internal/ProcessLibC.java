package org.osgix.host.posix.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The host C library's process calls through JNA direct mapping (raw addresses, libc names). */
final class ProcessLibC {
    static {
        Native.register(ProcessLibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private ProcessLibC() {
    }

    static void load() {
    }

    /** Returns an error number (not -1 and errno), as posix_spawn does. */
    static native int posix_spawn(int[] pid, byte[] path, long fileActions, long attr, Pointer argv, Pointer envp);

    static native int posix_spawn_file_actions_init(long fileActions);

    static native int posix_spawn_file_actions_adddup2(long fileActions, int fd, int newFd);

    static native int posix_spawn_file_actions_addclosefrom_np(long fileActions, int from);

    static native int posix_spawn_file_actions_destroy(long fileActions);

    static native int posix_spawnattr_init(long attr);

    static native int posix_spawnattr_setflags(long attr, short flags);

    static native int posix_spawnattr_setsigmask(long attr, long sigset);

    static native int posix_spawnattr_setpgroup(long attr, int pgroup);

    static native int posix_spawnattr_setsigdefault(long attr, long sigset);

    static native int posix_spawnattr_destroy(long attr);

    static native int execve(byte[] path, Pointer argv, Pointer envp);

    static native int wait4(int pid, long status, int options, long rusage);

    static native int waitid(int idType, int id, long info, int options);

    static native int kill(int pid, int signal);

    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    static native int getgroups(int size, int[] list);

    static native int getrusage(int who, long usage);

    static native int mincore(long addr, long length, long vec);

    static native int close_range(int first, int last, int flags);

    static native long signal(int signal, long handler);

    static native int pthread_sigmask(int how, long set, long oldSet);

    static native int raise(int signal);

    /** syscall(2) with six integer arguments (futex; futex_waitv has no glibc wrapper). */
    static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
}
