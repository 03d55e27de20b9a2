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
 */
final class Waits {
    static final String WAIT4_NOTE = "children are runtimes (host processes): statuses, groups, WNOHANG exact; "
            + "WUNTRACED/WCONTINUED as the host reports them";
    static final String WAITID_NOTE = "P_PID, P_PGID, P_ALL, P_PIDFD; rusage is not filled";
    private static final int WNOHANG = 1, P_PIDFD = 3, RUSAGE_SIZE = 144, SIGINFO_FIELDS = 28, O_NONBLOCK = 04000;

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
                int r = host.wait4(pid, buf, options | WNOHANG, rusageAddr != 0 ? buf + 8 : 0);
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
                int r = host.waitid(idType, id, info, options | WNOHANG);
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
}
