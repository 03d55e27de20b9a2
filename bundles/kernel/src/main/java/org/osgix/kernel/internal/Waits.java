package org.osgix.kernel.internal;

import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * wait4 and waitid: a guest pid is the host pid of its runtime, a host child of the parent's
 * runtime, so these are the host calls (pids, groups, -1, zombies, statuses exact), made with
 * WNOHANG and waited for through {@link Children} so that a guest signal interrupts them.
 * Spare runtimes ({@link SpareRuntimes}) are host children too but no guest's: a wait for any
 * child first finds a waitable one that is no spare (waitid with WNOWAIT), then waits for that
 * pid; ECHILD when spares are all that is left.
 */
final class Waits {
    static final String WAIT4_NOTE = "children are runtimes (host processes): statuses, groups, WNOHANG exact; "
            + "WUNTRACED/WCONTINUED as the host reports them";
    static final String WAITID_NOTE = "P_PID, P_PGID, P_ALL, P_PIDFD; rusage is not filled";
    private static final int WNOHANG = 1, WUNTRACED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x01000000,
            WAIT4_OPTIONS = WNOHANG | WUNTRACED | WCONTINUED | 0x20000000 | 0x40000000 | 0x80000000;
    private static final int P_ALL = 0, P_PID = 1, P_PIDFD = 3, RUSAGE_SIZE = 144, SIGINFO_FIELDS = 28,
            O_NONBLOCK = 04000;

    long wait4(SyscallContext call) {
        int pid = call.intArg(0);
        long statusAddr = call.arg1();
        int options = call.intArg(2);
        long rusageAddr = call.arg3();
        GuestProcessImpl process = (GuestProcessImpl) call.process();
        Host host = process.host();
        NativeMemory mem = host.memory();
        long buf = mem.allocate(8 + RUSAGE_SIZE);
        try {
            while (true) {
                long seen = process.children().generation();
                int r = wait4Once(process, pid, buf, options, rusageAddr != 0 ? buf + 8 : 0);
                if (r != 0 || (options & WNOHANG) != 0) {
                    if (r > 0) {
                        if (statusAddr != 0) {
                            call.memory().writeInt(statusAddr, mem.getInt(buf));
                        }
                        if (rusageAddr != 0) {
                            byte[] usage = new byte[RUSAGE_SIZE];
                            mem.get(buf + 8, usage, 0, RUSAGE_SIZE);
                            call.memory().write(rusageAddr, usage, 0, RUSAGE_SIZE);
                        }
                    }
                    return r;
                }
                process.children().await(seen);
            }
        } catch (InterruptedException e) {
            return -Errno.EINTR;
        } finally {
            mem.free(buf);
        }
    }

    long waitid(SyscallContext call) {
        int idType = call.intArg(0);
        int id = call.intArg(1);
        long infoAddr = call.arg2();
        int options = call.intArg(3);
        // P_PIDFD: the guest's pidfd is a host pidfd, waited on through its host fd (pinned meanwhile)
        OpenFile pidfd = null;
        if (idType == P_PIDFD) {
            pidfd = call.fds().pin(id);
            if (pidfd == null) {
                return -Errno.EBADF;
            }
            id = pidfd.hostFd();
        }
        GuestProcessImpl process = (GuestProcessImpl) call.process();
        Host host = process.host();
        NativeMemory mem = host.memory();
        long info = mem.allocate(128);
        try {
            while (true) {
                long seen = process.children().generation();
                mem.fill(info, 128, (byte) 0);
                int r = waitidOnce(process, idType, id, info, options);
                boolean found = r == 0 && mem.getInt(info + 16) != 0;
                if (r == 0 && !found && pidfd != null && (pidfd.statusFlags() & O_NONBLOCK) != 0
                        && (options & WNOHANG) == 0) {
                    return -Errno.EAGAIN; // a PIDFD_NONBLOCK pidfd does not wait
                }
                if (r < 0 || found || (options & WNOHANG) != 0) {
                    if (r == 0 && infoAddr != 0) {
                        byte[] fields = new byte[SIGINFO_FIELDS];
                        mem.get(info, fields, 0, SIGINFO_FIELDS);
                        call.memory().write(infoAddr, fields, 0, SIGINFO_FIELDS);
                    }
                    return r;
                }
                process.children().await(seen);
            }
        } catch (InterruptedException e) {
            return -Errno.EINTR;
        } finally {
            mem.free(info);
            if (pidfd != null) {
                pidfd.unpin();
            }
        }
    }

    private static int wait4Once(GuestProcessImpl process, int pid, long status, int options, long rusage) {
        SpareRuntimes spares = process.spares();
        int target = pid;
        if (pid > 0 && spares.isSpare(pid)) {
            return -Errno.ECHILD;
        }
        if (pid == -1 && spares.hasSpares()) {
            if ((options & ~WAIT4_OPTIONS) != 0) {
                return -Errno.EINVAL;
            }
            while (true) { // again when another wait reaped the one found first
                target = guestChild(process, WEXITED | (options & ~WNOHANG));
                int r = target <= 0 ? target : process.host().wait4(target, status, options | WNOHANG, rusage);
                if (r != -Errno.ECHILD || target <= 0) {
                    return r;
                }
            }
        }
        return process.host().wait4(target, status, options | WNOHANG, rusage);
    }

    private static int waitidOnce(GuestProcessImpl process, int idType, int id, long info, int options) {
        SpareRuntimes spares = process.spares();
        if (idType == P_PID && spares.isSpare(id)) {
            return -Errno.ECHILD;
        }
        if (idType == P_ALL && spares.hasSpares()) {
            while (true) {
                int target = guestChild(process, options & ~(WNOHANG | WNOWAIT));
                int r = target <= 0 ? target : process.host().waitid(P_PID, target, info, options | WNOHANG);
                if (r != -Errno.ECHILD || target <= 0) {
                    return r;
                }
            }
        }
        return process.host().waitid(idType, id, info, options | WNOHANG);
    }

    /**
     * A waitable child that is no spare (waitid {@code flags}, its events): its pid, 0 when none is
     * waitable yet, -ECHILD when spares are the only children, or another -errno (EINVAL).
     * Spares found on the way (ended or stopped) are reaped.
     */
    private static int guestChild(GuestProcessImpl process, int flags) {
        Host host = process.host();
        NativeMemory mem = host.memory();
        long info = mem.allocate(128);
        try {
            while (true) {
                mem.fill(info, 128, (byte) 0);
                int r = host.waitid(P_ALL, 0, info, flags | WNOWAIT | WNOHANG);
                int pid = mem.getInt(info + 16);
                if (r < 0) {
                    return r;
                }
                if (pid == 0) {
                    return process.spares().hasOtherChildren() ? 0 : -Errno.ECHILD;
                }
                if (!process.spares().discardIfSpare(pid)) {
                    return pid;
                }
            }
        } finally {
            mem.free(info);
        }
    }
}
