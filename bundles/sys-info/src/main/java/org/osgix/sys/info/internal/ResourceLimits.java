package org.osgix.sys.info.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;

/**
 * getrlimit, setrlimit and prlimit64 over the guest process's limits, with the kernel's order
 * of checks. A {@code struct rlimit} is two unsigned 64-bit values; RLIM_INFINITY is ~0.
 */
final class ResourceLimits {
    static final int RLIMIT_SIZE = 16;

    /** getrlimit(resource, rlim). */
    long getrlimit(SyscallContext call) {
        int resource = call.intArg(0);
        if (!valid(resource)) {
            return -Errno.EINVAL;
        }
        GuestProcess process = call.process();
        return write(call.memory(), call.arg1(), process.rlimitCurrent(resource), process.rlimitMaximum(resource));
    }

    /** setrlimit(resource, rlim): the new value is read before the resource is checked. */
    long setrlimit(SyscallContext call) {
        GuestMemory memory = call.memory();
        long addr = call.arg1();
        if (!memory.isAccessible(addr, RLIMIT_SIZE, GuestMemory.PROT_READ)) {
            return -Errno.EFAULT;
        }
        int resource = call.intArg(0);
        if (!valid(resource)) {
            return -Errno.EINVAL;
        }
        return set(call.process(), resource, memory.readLong(addr), memory.readLong(addr + 8));
    }

    /**
     * prlimit64(pid, resource, new, old): pid 0, the process or one of its threads. The old value
     * is stored after the new one is set (a bad {@code old} pointer still changes the limit).
     */
    long prlimit64(SyscallContext call) {
        GuestMemory memory = call.memory();
        long newAddr = call.arg2();
        long oldAddr = call.arg3();
        long newCurrent = 0;
        long newMaximum = 0;
        if (newAddr != 0) {
            if (!memory.isAccessible(newAddr, RLIMIT_SIZE, GuestMemory.PROT_READ)) {
                return -Errno.EFAULT;
            }
            newCurrent = memory.readLong(newAddr);
            newMaximum = memory.readLong(newAddr + 8);
        }
        int pid = call.intArg(0);
        if (pid != 0 && pid != call.process().pid() && call.process().thread(pid) == null) {
            return -Errno.ESRCH;
        }
        int resource = call.intArg(1);
        if (!valid(resource)) {
            return -Errno.EINVAL;
        }
        GuestProcess process = call.process();
        long oldCurrent = process.rlimitCurrent(resource);
        long oldMaximum = process.rlimitMaximum(resource);
        if (newAddr != 0) {
            int rc = set(process, resource, newCurrent, newMaximum);
            if (rc < 0) {
                return rc;
            }
        }
        return oldAddr == 0 ? 0 : write(memory, oldAddr, oldCurrent, oldMaximum);
    }

    /** Resources are unsigned in the kernel: negative numbers are out of range too. */
    private static boolean valid(int resource) {
        return Integer.compareUnsigned(resource, GuestProcess.RLIMIT_NLIMITS) < 0;
    }

    /** Limits compare unsigned (RLIM_INFINITY is the largest value). */
    private static int set(GuestProcess process, int resource, long current, long maximum) {
        if (Long.compareUnsigned(current, maximum) > 0) {
            return -Errno.EINVAL;
        }
        return process.setRlimit(resource, current, maximum);
    }

    private static int write(GuestMemory memory, long addr, long current, long maximum) {
        if (!memory.isAccessible(addr, RLIMIT_SIZE, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        memory.writeLong(addr, current);
        memory.writeLong(addr + 8, maximum);
        return 0;
    }
}
