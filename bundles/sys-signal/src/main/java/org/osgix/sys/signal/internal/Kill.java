package org.osgix.sys.signal.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;

/**
 * kill, tgkill and tkill aimed at this process. Other processes are not reachable from a guest
 * (osgix has no fork yet), so any other pid is ESRCH.
 */
final class Kill {
    private Kill() {
    }

    static long kill(SyscallContext call) {
        int pid = (int) call.arg0();
        int sig = (int) call.arg1();
        if (sig < 0 || sig > Signals.MAX) {
            return -Errno.EINVAL;
        }
        GuestProcess p = call.process();
        // 0: our process group; -1: every process we may signal; -pid: a group led by us
        boolean ours = pid == p.pid() || pid == 0 || pid == -1 || pid == -p.pid();
        if (!ours) {
            return -Errno.ESRCH;
        }
        if (sig != 0) {
            Delivery.send(p, state(call), 0, sig);
        }
        return 0;
    }

    static long tgkill(SyscallContext call) {
        int tgid = (int) call.arg0();
        int tid = (int) call.arg1();
        int sig = (int) call.arg2();
        if (tgid <= 0 || tid <= 0 || sig < 0 || sig > Signals.MAX) {
            return -Errno.EINVAL;
        }
        if (tgid != call.process().pid()) {
            return -Errno.ESRCH;
        }
        return toThread(call, tid, sig);
    }

    static long tkill(SyscallContext call) {
        int tid = (int) call.arg0();
        int sig = (int) call.arg1();
        if (tid <= 0 || sig < 0 || sig > Signals.MAX) {
            return -Errno.EINVAL;
        }
        return toThread(call, tid, sig);
    }

    private static long toThread(SyscallContext call, int tid, int sig) {
        if (call.process().thread(tid) == null) {
            return -Errno.ESRCH;
        }
        if (sig != 0) {
            Delivery.send(call.process(), state(call), tid, sig);
        }
        return 0;
    }

    private static SignalState state(SyscallContext call) {
        return call.process().state(SignalState.class, SignalState::new);
    }
}
