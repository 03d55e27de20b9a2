package org.osgix.sys.signal.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SignalNumbers;
import org.osgix.syscall.SyscallContext;

/**
 * kill, tgkill, tkill, rt_sigqueueinfo and rt_tgsigqueueinfo. kill reaches other guest
 * processes through the kernel ({@code GuestProcess.signalOthers}); the others aim at this process.
 */
final class Kill {
    private final org.osgix.host.Host host;

    Kill(org.osgix.host.Host host) {
        this.host = host;
    }

    long kill(SyscallContext call) {
        int pid = call.intArg(0);
        int sig = call.intArg(1);
        if (sig < 0 || sig > SignalNumbers.NSIG) {
            return -Errno.EINVAL;
        }
        GuestProcess p = call.process();
        // 0: our process group; -1: every process we may signal; -pgid: a group; others: their runtimes
        int group = host.getpgid(0);
        boolean ours = pid == p.pid() || pid == 0 || pid == -1 || pid == -p.pid() || pid == -group;
        int others = pid == p.pid() ? 0 : p.signalOthers(pid, sig);
        if (ours && sig != 0) {
            Delivery.send(p, 0, SigInfo.user(sig, Signals.SI_USER, p.pid(), p.credentials().ruid()));
        }
        if (ours || others > 0) {
            return 0;
        }
        return others < 0 ? others : -Errno.ESRCH;
    }

    long tgkill(SyscallContext call) {
        int tgid = call.intArg(0);
        if (tgid <= 0) {
            return -Errno.EINVAL;
        }
        if (tgid != call.process().pid()) {
            return -Errno.ESRCH;
        }
        return toThread(call, call.intArg(1), call.intArg(2));
    }

    long tkill(SyscallContext call) {
        return toThread(call, call.intArg(0), call.intArg(1));
    }

    private long toThread(SyscallContext call, int tid, int sig) {
        if (tid <= 0 || sig < 0 || sig > SignalNumbers.NSIG) {
            return -Errno.EINVAL;
        }
        if (call.process().thread(tid) == null) {
            return -Errno.ESRCH;
        }
        if (sig != 0) {
            Delivery.send(call.process(), tid, SigInfo.user(sig, Signals.SI_TKILL, call.process().pid(),
                call.process().credentials().ruid()));
        }
        return 0;
    }

    /** rt_sigqueueinfo(tgid, sig, info). */
    long sigqueueinfo(SyscallContext call) {
        return queue(call, call.intArg(0), 0, call.intArg(1), call.arg2());
    }

    /** rt_tgsigqueueinfo(tgid, tid, sig, info). */
    long tgsigqueueinfo(SyscallContext call) {
        int tid = call.intArg(1);
        if (tid <= 0) {
            return -Errno.EINVAL;
        }
        if (call.process().thread(tid) == null && call.intArg(0) == call.process().pid()) {
            return -Errno.ESRCH;
        }
        return queue(call, call.intArg(0), tid, call.intArg(2), call.arg3());
    }

    private long queue(SyscallContext call, int tgid, int tid, int sig, long infoAddr) {
        if (!Signals.valid(sig)) {
            return -Errno.EINVAL;
        }
        int code = call.memory().readInt(infoAddr + 8);
        // (Linux refuses SI_USER and kernel codes only towards other processes, unreachable here)
        if (tgid != call.process().pid()) {
            return -Errno.ESRCH;
        }
        SigInfo info = new SigInfo(sig, call.memory().readInt(infoAddr + 4), code,
                call.memory().readLong(infoAddr + 16), call.memory().readLong(infoAddr + 24));
        Delivery.send(call.process(), tid, info);
        return 0;
    }
}
