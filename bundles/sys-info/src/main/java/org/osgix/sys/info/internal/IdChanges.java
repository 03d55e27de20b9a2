package org.osgix.sys.info.internal;

import org.osgix.syscall.Credentials;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;

/**
 * setuid, setreuid, setresuid, setfsuid, their gid twins, getgroups and setgroups over the
 * process's emulated credentials, with the rules of Linux's kernel/sys.c. The runtime's own host
 * ids never change (it must keep reading its bundle cache). Privileged means what root's
 * capability fix-ups make it natively: effective uid 0 and the capability in the host thread's
 * effective set (a capset that drops CAP_SETUID is honoured).
 */
final class IdChanges {
    static final int CAP_SETGID = 6, CAP_SETUID = 7;
    /** (uid_t) -1: "leave unchanged" for the set*id calls that take several ids, invalid elsewhere. */
    private static final int UNCHANGED = -1;

    private final Capabilities capabilities;

    IdChanges(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    /** Serialises the read-modify-write of one process's credentials (glibc's setxid runs it on every thread). */
    static final class Lock {
    }

    long setuid(SyscallContext call) {
        return setOne(call, true);
    }

    long setgid(SyscallContext call) {
        return setOne(call, false);
    }

    long setreuid(SyscallContext call) {
        return setTwo(call, true);
    }

    long setregid(SyscallContext call) {
        return setTwo(call, false);
    }

    long setresuid(SyscallContext call) {
        return setThree(call, true);
    }

    long setresgid(SyscallContext call) {
        return setThree(call, false);
    }

    long setfsuid(SyscallContext call) {
        return setFs(call, true);
    }

    long setfsgid(SyscallContext call) {
        return setFs(call, false);
    }

    /** setuid(id): privileged sets real and saved too; otherwise id must be the real or saved one. */
    private long setOne(SyscallContext call, boolean user) {
        int id = call.intArg(0);
        if (id == UNCHANGED) {
            return -Errno.EINVAL;
        }
        GuestProcess process = call.process();
        synchronized (lock(process)) {
            int[] ids = ids(process.credentials(), user);
            if (privileged(process, user)) {
                ids[0] = id;
                ids[2] = id;
            } else if (id != ids[0] && id != ids[2]) {
                return -Errno.EPERM;
            }
            ids[1] = id;
            ids[3] = id;
            store(process, user, ids);
        }
        return 0;
    }

    /** setreuid(real, effective): the saved id follows the effective one when real is set or effective leaves real. */
    private long setTwo(SyscallContext call, boolean user) {
        int real = call.intArg(0);
        int effective = call.intArg(1);
        GuestProcess process = call.process();
        synchronized (lock(process)) {
            int[] old = ids(process.credentials(), user);
            boolean privileged = privileged(process, user);
            if (real != UNCHANGED && real != old[0] && real != old[1] && !privileged) {
                return -Errno.EPERM;
            }
            if (effective != UNCHANGED && effective != old[0] && effective != old[1] && effective != old[2]
                    && !privileged) {
                return -Errno.EPERM;
            }
            int[] ids = old.clone();
            if (real != UNCHANGED) {
                ids[0] = real;
            }
            if (effective != UNCHANGED) {
                ids[1] = effective;
            }
            if (real != UNCHANGED || (effective != UNCHANGED && effective != old[0])) {
                ids[2] = ids[1];
            }
            ids[3] = ids[1];
            store(process, user, ids);
        }
        return 0;
    }

    /** setresuid(real, effective, saved): unprivileged, each new id must be one of the three current ones. */
    private long setThree(SyscallContext call, boolean user) {
        int[] wanted = {call.intArg(0), call.intArg(1), call.intArg(2)};
        GuestProcess process = call.process();
        synchronized (lock(process)) {
            int[] ids = ids(process.credentials(), user);
            boolean allowed = true;
            for (int id : wanted) {
                allowed &= id == UNCHANGED || id == ids[0] || id == ids[1] || id == ids[2];
            }
            if (!allowed && !privileged(process, user)) {
                return -Errno.EPERM;
            }
            for (int i = 0; i < wanted.length; i++) {
                if (wanted[i] != UNCHANGED) {
                    ids[i] = wanted[i];
                }
            }
            ids[3] = ids[1];
            store(process, user, ids);
        }
        return 0;
    }

    /** setfsuid(id): returns the old filesystem id, changed or not; never an error. */
    private long setFs(SyscallContext call, boolean user) {
        int id = call.intArg(0);
        GuestProcess process = call.process();
        synchronized (lock(process)) {
            int[] ids = ids(process.credentials(), user);
            int old = ids[3];
            if (id != UNCHANGED && (id == ids[0] || id == ids[1] || id == ids[2] || id == ids[3]
                    || privileged(process, user))) {
                ids[3] = id;
                store(process, user, ids);
            }
            return Integer.toUnsignedLong(old);
        }
    }

    /** getgroups(size, list): size 0 asks for the count; a smaller non-zero size is EINVAL. */
    long getgroups(SyscallContext call) {
        int size = call.intArg(0);
        if (size < 0) {
            return -Errno.EINVAL;
        }
        Credentials c = call.process().credentials();
        int count = c.groupCount();
        if (size == 0) {
            return count;
        }
        if (count > size) {
            return -Errno.EINVAL;
        }
        long list = call.addressArg(1);
        GuestMemory memory = call.memory();
        // one store per group as the kernel's put_user loop: a fault part-way is EFAULT
        for (int i = 0; i < count; i++) {
            memory.writeInt(list + 4L * i, c.group(i));
        }
        return count;
    }

    /** setgroups(size, list): EPERM, then EINVAL over NGROUPS_MAX, then EFAULT or EINVAL (gid -1) per entry; kept sorted. */
    long setgroups(SyscallContext call) {
        GuestProcess process = call.process();
        if (!privileged(process, false)) {
            return -Errno.EPERM;
        }
        int size = call.intArg(0);
        if (Integer.compareUnsigned(size, Credentials.NGROUPS_MAX) > 0) {
            return -Errno.EINVAL;
        }
        long list = call.addressArg(1);
        GuestMemory memory = call.memory();
        // read and checked one at a time, as groups_from_user: EFAULT or EINVAL, whichever comes first
        int[] groups = new int[size];
        for (int i = 0; i < size; i++) {
            groups[i] = memory.readInt(list + 4L * i);
            if (groups[i] == UNCHANGED) {
                return -Errno.EINVAL;
            }
        }
        sortUnsigned(groups);
        synchronized (lock(process)) {
            process.setCredentials(process.credentials().withGroups(groups));
        }
        return 0;
    }

    /** The kernel sorts the groups as unsigned gids (groups_sort). */
    private static void sortUnsigned(int[] groups) {
        for (int i = 0; i < groups.length; i++) {
            groups[i] ^= Integer.MIN_VALUE;
        }
        java.util.Arrays.sort(groups);
        for (int i = 0; i < groups.length; i++) {
            groups[i] ^= Integer.MIN_VALUE;
        }
    }

    private boolean privileged(GuestProcess process, boolean user) {
        return process.credentials().euid() == 0 && capabilities.hasEffective(user ? CAP_SETUID : CAP_SETGID);
    }

    private static Lock lock(GuestProcess process) {
        return process.state(Lock.class, Lock::new);
    }

    /** Real, effective, saved and filesystem ids of users or groups. */
    private static int[] ids(Credentials c, boolean user) {
        return user ? new int[] {c.ruid(), c.euid(), c.suid(), c.fsuid()}
            : new int[] {c.rgid(), c.egid(), c.sgid(), c.fsgid()};
    }

    private static void store(GuestProcess process, boolean user, int[] ids) {
        Credentials c = process.credentials();
        process.setCredentials(user ? c.withUids(ids[0], ids[1], ids[2], ids[3])
            : c.withGids(ids[0], ids[1], ids[2], ids[3]));
    }
}
