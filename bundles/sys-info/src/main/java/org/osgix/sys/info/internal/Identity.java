package org.osgix.sys.info.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * Process and user identity: pids come from the guest process, user and group ids are the
 * host's (osgix runs the guest as the user running the JVM).
 */
final class Identity {
    private final Host host;

    Identity(Host host) {
        this.host = host;
    }

    long getpid(SyscallContext call) {
        return call.process().pid();
    }

    long getppid(SyscallContext call) {
        return call.process().ppid();
    }

    /*
     * Process groups and sessions are the host's: a guest pid is the host pid of its runtime,
     * and a child's runtime is a host child of its parent's, so the host applies Linux's rules
     * (a parent's setpgid of a child is EACCES once that child ran execve, which a runtime
     * always has).
     */

    long getpgrp(SyscallContext call) {
        return host.getpgid(0);
    }

    long getpgid(SyscallContext call) {
        return host.getpgid(call.intArg(0));
    }

    long getsid(SyscallContext call) {
        return host.getsid(call.intArg(0));
    }

    long setpgid(SyscallContext call) {
        int pid = call.intArg(0);
        int pgid = call.intArg(1);
        if (pgid < 0) {
            return -Errno.EINVAL;
        }
        return host.setpgid(pid, pgid);
    }

    long setsid(SyscallContext call) {
        return host.setsid();
    }

    long getuid(SyscallContext call) {
        return host.getuid();
    }

    long geteuid(SyscallContext call) {
        return host.geteuid();
    }

    long getgid(SyscallContext call) {
        return host.getgid();
    }

    long getegid(SyscallContext call) {
        return host.getegid();
    }

    /** getresuid(ruid*, euid*, suid*): the saved id is the effective one (the JVM never setuids). */
    long getresuid(SyscallContext call) {
        int effective = host.geteuid();
        return writeThree(call, host.getuid(), effective, effective);
    }

    /** getresgid(rgid*, egid*, sgid*). */
    long getresgid(SyscallContext call) {
        int effective = host.getegid();
        return writeThree(call, host.getgid(), effective, effective);
    }

    /** Stores in argument order like the kernel: a bad pointer faults after the earlier stores. */
    private static long writeThree(SyscallContext call, int real, int effective, int saved) {
        GuestMemory memory = call.memory();
        memory.writeInt(call.arg0(), real);
        memory.writeInt(call.arg1(), effective);
        memory.writeInt(call.arg2(), saved);
        return 0;
    }
}
