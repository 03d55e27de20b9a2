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
     * Process groups and sessions of the guest's own process, which is the osgix process the
     * user started: its group and session are the host's. The guest sees no other process
     * (one guest process per osgix for now), so another pid is ESRCH, as in a pid namespace of
     * its own.
     */

    long getpgrp(SyscallContext call) {
        return host.getpgid(0);
    }

    long getpgid(SyscallContext call) {
        return self(call, call.intArg(0)) ? host.getpgid(0) : -Errno.ESRCH;
    }

    long getsid(SyscallContext call) {
        return self(call, call.intArg(0)) ? host.getsid(0) : -Errno.ESRCH;
    }

    long setpgid(SyscallContext call) {
        int pid = call.intArg(0);
        int pgid = call.intArg(1);
        if (pgid < 0) {
            return -Errno.EINVAL;
        }
        if (!self(call, pid)) {
            return -Errno.ESRCH;
        }
        // the guest's own pid as a group id is the host's: the guest's pid is the host pid
        return host.setpgid(0, pgid == call.process().pid() ? 0 : pgid);
    }

    long setsid(SyscallContext call) {
        return host.setsid();
    }

    private static boolean self(SyscallContext call, int pid) {
        return pid == 0 || pid == call.process().pid();
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
