package org.osgix.sys.thread.internal;

import static org.osgix.sys.thread.internal.CloneFlags.CLONE_CHILD_CLEARTID;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_CHILD_SETTID;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_CLEAR_SIGHAND;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_FILES;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_FS;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_INTO_CGROUP;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_NEWNS;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_NEWPID;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_NEWUSER;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_PARENT_SETTID;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_PIDFD;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_SETTLS;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_SIGHAND;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_THREAD;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_VFORK;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_VM;
import static org.osgix.sys.thread.internal.CloneFlags.CSIGNAL;
import static org.osgix.sys.thread.internal.CloneFlags.NAMESPACES;

import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/**
 * clone and clone3 for threads: the flag checks Linux makes (copy_process), then a new guest
 * thread from the kernel, its tid stored where asked, and its start; vfork-like clones become a
 * child process of the kernel. fork-like clones get a copy of the process from the kernel; pidfds and cgroups are ENOSYS.
 */
final class Clone {
    static final String NOTE = "threads (CLONE_THREAD with shared VM, files and fs) and vfork-like processes "
        + "(CLONE_VM|CLONE_VFORK), fork-like processes (none of CLONE_VM, FILES, FS, SIGHAND); "
        + "other process clones, CLONE_PIDFD and CLONE_INTO_CGROUP are ENOSYS";

    /** clone(flags, newsp, parent_tid, child_tid, tls): the x86_64 argument order. */
    long clone(SyscallContext call) {
        long flags = call.arg0() & 0xffffffffL; // the kernel takes the low 32 bits
        CloneRequest request = new CloneRequest(flags & ~CSIGNAL, call.arg1(), call.arg2(),
            call.arg3(), call.arg4());
        // legacy clone returns the pidfd through parent_tid, so both cannot be asked for
        if (request.has(CLONE_PIDFD) && request.has(CLONE_PARENT_SETTID)) {
            return -Errno.EINVAL;
        }
        return spawn(call, request);
    }

    /** clone3(struct clone_args *args, size_t size). */
    long clone3(SyscallContext call) {
        AddressSpace memory = call.memory();
        long addr = call.arg0();
        long size = call.arg1();
        int invalid = CloneArgs.checkSize(memory, addr, size);
        if (invalid != 0) {
            return invalid;
        }
        CloneArgs args = CloneArgs.read(memory, addr, size);
        invalid = args.validateFields(size);
        if (invalid != 0) {
            return invalid;
        }
        if (args.setTidSize != 0 && !memory.isAccessible(args.setTid, args.setTidSize * Integer.BYTES,
                GuestMemory.PROT_READ)) {
            return -Errno.EFAULT;
        }
        invalid = args.validateFlags();
        if (invalid != 0) {
            return invalid;
        }
        CloneRequest request = args.toRequest();
        if (args.setTidSize != 0) { // choosing tids needs CAP_CHECKPOINT_RESTORE
            long result = checkFlags(request);
            return result != 0 ? result : -Errno.EPERM;
        }
        return spawn(call, request);
    }

    static final String FORK_NOTE = "a new runtime with a copy of the address space; shared mappings become private";

    /** vfork(): clone(CLONE_VM | CLONE_VFORK | SIGCHLD) on the caller's stack. */
    long vfork(SyscallContext call) {
        return spawn(call, new CloneRequest(CLONE_VM | CLONE_VFORK, 0, 0, 0, 0));
    }

    /** fork(): clone(SIGCHLD). */
    long fork(SyscallContext call) {
        return spawn(call, new CloneRequest(0, 0, 0, 0, 0));
    }

    private static long spawn(SyscallContext call, CloneRequest request) {
        long result = checkFlags(request);
        if (result == VFORK) {
            return vforkChild(call, request);
        }
        if (result == FORK) {
            return forkChild(call, request);
        }
        if (result != 0) {
            return result;
        }
        GuestThread child = call.process().newThread(call.thread(), request.stack(),
            request.has(CLONE_SETTLS), request.tls());
        int tid = child.tid();
        AddressSpace memory = call.memory();
        // Linux ignores faults on both stores: the thread exists either way
        if (request.has(CLONE_PARENT_SETTID)) {
            storeTid(memory, request.parentTid(), tid);
        }
        if (request.has(CLONE_CHILD_SETTID)) {
            storeTid(memory, request.childTid(), tid);
        }
        if (request.has(CLONE_CHILD_CLEARTID)) {
            ThreadState.of(child).setClearChildTid(request.childTid());
        }
        child.start();
        return tid;
    }

    /**
     * A new process on the caller's memory (the kernel runs it until its execve or exit); the tid
     * stores happen before it runs. CLONE_CHILD_SETTID/CLEARTID name the child's own memory,
     * which is the parent's here: glibc and musl do not ask for them with CLONE_VFORK.
     */
    private static long vforkChild(SyscallContext call, CloneRequest request) {
        AddressSpace memory = call.memory();
        return call.process().vfork(call.thread(), request.stack(), pid -> {
            if (request.has(CLONE_PARENT_SETTID)) {
                storeTid(memory, request.parentTid(), pid);
            }
        });
    }

    /** A copy of the process in a new one; CLONE_VFORK then waits as fork+vfork would not: not asked for by libcs. */
    private static long forkChild(SyscallContext call, CloneRequest request) {
        AddressSpace memory = call.memory();
        return call.process().fork(call.thread(), request.stack(),
            request.has(CLONE_CHILD_SETTID) ? request.childTid() : 0,
            request.has(CLONE_CHILD_CLEARTID) ? request.childTid() : 0, pid -> {
                if (request.has(CLONE_PARENT_SETTID)) {
                    storeTid(memory, request.parentTid(), pid);
                }
            });
    }

    /** {@link #checkFlags}' answers for a vfork-like and a fork-like clone. */
    static final long VFORK = 1, FORK = 2;

    /**
     * copy_process's consistency checks (EINVAL) in Linux's order, then what osgix cannot do:
     * namespaces need privileges (EPERM); anything but a thread sharing VM, files and fs is
     * ENOSYS for now.
     *
     * @return 0 when a thread can be created
     */
    static long checkFlags(CloneRequest request) {
        if (request.has(CLONE_NEWNS) && request.has(CLONE_FS)
                || request.has(CLONE_NEWUSER) && request.has(CLONE_FS)
                || request.has(CLONE_THREAD) && !request.has(CLONE_SIGHAND)
                || request.has(CLONE_SIGHAND) && !request.has(CLONE_VM)
                || request.has(CLONE_THREAD) && (request.has(CLONE_NEWUSER) || request.has(CLONE_NEWPID))
                || request.has(CLONE_SIGHAND) && request.has(CLONE_CLEAR_SIGHAND)) {
            return -Errno.EINVAL;
        }
        if (!request.has(CLONE_THREAD) && request.has(CLONE_VM) && request.has(CLONE_VFORK)
                && !request.has(CLONE_FILES) && !request.has(CLONE_FS) && !request.has(CLONE_PIDFD)
                && !request.has(CLONE_INTO_CGROUP) && (request.flags() & NAMESPACES) == 0) {
            return VFORK;
        }
        if (!request.has(CLONE_THREAD) && !request.has(CLONE_VM) && !request.has(CLONE_SIGHAND)
                && !request.has(CLONE_FILES) && !request.has(CLONE_FS) && !request.has(CLONE_VFORK)
                && !request.has(CLONE_PIDFD) && !request.has(CLONE_INTO_CGROUP)
                && (request.flags() & NAMESPACES) == 0) {
            return FORK;
        }
        if (!request.has(CLONE_THREAD) || !request.has(CLONE_FILES) || !request.has(CLONE_FS)
                || request.has(CLONE_VFORK) || request.has(CLONE_PIDFD) || request.has(CLONE_INTO_CGROUP)) {
            return -Errno.ENOSYS;
        }
        if ((request.flags() & NAMESPACES) != 0) {
            return -Errno.EPERM;
        }
        return 0;
    }

    private static void storeTid(GuestMemory memory, long addr, int tid) {
        try {
            memory.writeInt(addr, tid);
        } catch (GuestFault ignored) {
            // as Linux: put_user's result is not checked
        }
    }
}
