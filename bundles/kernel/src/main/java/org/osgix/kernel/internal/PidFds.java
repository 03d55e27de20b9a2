package org.osgix.kernel.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SignalNumbers;
import org.osgix.syscall.SyscallContext;
import org.osgix.signal.SignalDelivery;

/**
 * pidfd_open and pidfd_send_signal. A guest pid is the host pid of its runtime, so a guest
 * pidfd is a host pidfd: poll and epoll (either backend) see it readable when the process ends,
 * waitid(P_PIDFD) waits on it, and its fdinfo shows the pid. Which process a pidfd names is read
 * back from the host's fdinfo, so pidfds inherited across fork work too. Signals go where kill's
 * go: this process through its signal state, another through the kernel ({@code signalOthers}),
 * never to a JVM.
 */
final class PidFds {
    static final String OPEN_NOTE = "PIDFD_THREAD is EINVAL (as before Linux 6.9)";
    static final String SEND_NOTE = "a siginfo reaches only this process as given; to another process it is sent "
        + "as kill's SI_USER; PIDFD_SIGNAL_THREAD signals the whole process";
    private static final int PIDFD_NONBLOCK = 04000, O_RDWR = 2;
    private static final int PIDFD_SIGNAL_THREAD = 1, PIDFD_SIGNAL_THREAD_GROUP = 2, PIDFD_SIGNAL_PROCESS_GROUP = 4;
    private static final int SI_USER = 0, SI_TKILL = -6, SIGINFO_SIZE = 128;

    /** pidfd_open(pid, flags): EINVAL for unknown flags, pid &lt;= 0 or a thread that is not a leader; ESRCH. */
    long open(SyscallContext call) {
        int flags = call.intArg(1);
        int pid = call.intArg(0);
        if ((flags & ~PIDFD_NONBLOCK) != 0 || pid <= 0) {
            return -Errno.EINVAL;
        }
        GuestProcessImpl process = (GuestProcessImpl) call.process();
        if (pid != process.pid() && process.thread(pid) != null) {
            return -Errno.EINVAL; // one of our other threads: guest tids are not host ones
        }
        int fd = process.host().pidfdOpen(pid, flags);
        if (fd < 0) {
            return fd;
        }
        return call.fds().open(FileKind.OTHER, fd, O_RDWR | flags, "anon_inode:[pidfd]", null, true);
    }

    /** pidfd_send_signal(pidfd, sig, info, flags). */
    long sendSignal(SyscallContext call) {
        int flags = call.intArg(3);
        int scope = flags & (PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP | PIDFD_SIGNAL_PROCESS_GROUP);
        if (scope != flags || Integer.bitCount(scope) > 1) {
            return -Errno.EINVAL;
        }
        OpenFile file = call.fds().pin(call.fdArg(0));
        if (file == null) {
            return -Errno.EBADF;
        }
        int pid;
        try {
            pid = pidOf(file.hostFd());
        } finally {
            file.unpin();
        }
        if (pid == Integer.MIN_VALUE) {
            return -Errno.EBADF; // not a pidfd
        }
        if (pid <= 0) {
            return -Errno.ESRCH; // reaped (-1), or of another pid namespace (0)
        }
        int sig = call.intArg(1);
        GuestProcessImpl process = (GuestProcessImpl) call.process();
        int uid = process.credentials().ruid();
        int code = SI_USER;
        int senderPid = process.pid();
        long infoAddr = call.addressArg(2);
        if (infoAddr != 0) {
            GuestMemory memory = call.memory();
            if (!memory.isAccessible(infoAddr, SIGINFO_SIZE, GuestMemory.PROT_READ)) {
                return -Errno.EFAULT;
            }
            if (memory.readInt(infoAddr) != sig) {
                return -Errno.EINVAL;
            }
            code = memory.readInt(infoAddr + 8);
            boolean self = pid == process.pid() && scope != PIDFD_SIGNAL_PROCESS_GROUP;
            if (!self && (code >= 0 || code == SI_TKILL)) {
                return -Errno.EPERM; // only the kernel (or the process itself) may claim such a sender
            }
            senderPid = memory.readInt(infoAddr + 16);
            uid = memory.readInt(infoAddr + 20);
        }
        if (sig < 0 || sig > SignalNumbers.NSIG) {
            return -Errno.EINVAL;
        }
        if (scope == PIDFD_SIGNAL_PROCESS_GROUP) {
            int group = process.host().getpgid(pid);
            return group < 0 ? group : kill(process, -group, sig, code, senderPid, uid);
        }
        return kill(process, pid, sig, code, senderPid, uid);
    }

    /** kill(2) of {@code target} (a pid, or -pgid) as the kill family does it. */
    private static long kill(GuestProcessImpl process, int target, int sig, int code, int senderPid, int uid) {
        boolean ours = target == process.pid() || target == -process.host().getpgid(0);
        int others = target == process.pid() ? 0 : process.signalOthers(target, sig);
        if (ours && sig != 0) {
            SignalDelivery delivery = process.signalDelivery();
            if (delivery != null) {
                delivery.sendFrom(process, sig, code, senderPid, uid, 0);
            }
        }
        if (ours || others > 0) {
            return 0;
        }
        return others < 0 ? others : -Errno.ESRCH;
    }

    /** The pid in a host fd's fdinfo ("Pid:" line), or Integer.MIN_VALUE when it is no pidfd. */
    static int pidOf(int hostFd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + hostFd), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Pid:")) {
                    return Integer.parseInt(line.substring(4).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
        return Integer.MIN_VALUE;
    }
}
