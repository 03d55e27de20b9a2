package org.osgix.sys.info.internal;

import org.osgix.host.Host;
import org.osgix.syscall.Credentials;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * Process and user identity: pids come from the guest process, user and group ids from its
 * credentials (the host's at the first process, then the guest's own).
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

    /* User and group ids are the process's emulated credentials (IdChanges changes them). */

    long getuid(SyscallContext call) {
        return Integer.toUnsignedLong(call.process().credentials().ruid());
    }

    long geteuid(SyscallContext call) {
        return Integer.toUnsignedLong(call.process().credentials().euid());
    }

    long getgid(SyscallContext call) {
        return Integer.toUnsignedLong(call.process().credentials().rgid());
    }

    long getegid(SyscallContext call) {
        return Integer.toUnsignedLong(call.process().credentials().egid());
    }

    /** getresuid(ruid*, euid*, suid*). */
    long getresuid(SyscallContext call) {
        Credentials c = call.process().credentials();
        return writeThree(call, c.ruid(), c.euid(), c.suid());
    }

    /** getresgid(rgid*, egid*, sgid*). */
    long getresgid(SyscallContext call) {
        Credentials c = call.process().credentials();
        return writeThree(call, c.rgid(), c.egid(), c.sgid());
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
