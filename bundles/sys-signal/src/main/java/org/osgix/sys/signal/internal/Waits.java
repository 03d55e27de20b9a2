package org.osgix.sys.signal.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SignalNumbers;
import org.osgix.syscall.SyscallContext;
import org.osgix.syscall.SyscallHandler;

/** pause, rt_sigsuspend, rt_sigtimedwait, rt_sigreturn and restart_syscall: the calls that wait for or end a signal. */
final class Waits {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Waits() {
    }

    static long pause(SyscallContext call) {
        return sleepUntilSignal(call.thread());
    }

    /** Waits with a temporary mask; the mask stays until the handler's frame saved the old one. */
    static long sigsuspend(SyscallContext call) {
        if (call.arg1() != Signals.SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        long mask = call.memory().readLong(call.arg0()) & ~Signals.UNBLOCKABLE;
        GuestThread thread = call.thread();
        SignalState state = Delivery.state(call.process());
        synchronized (state) {
            SignalState.ThreadSignals t = state.thread(thread.tid());
            t.savedMask = t.blocked;
            t.restoreMask = true;
            t.blocked = mask;
        }
        Delivery.releaseUnblocked(thread);
        long r = sleepUntilSignal(thread);
        thread.signalPending(); // the delivery restores the mask even if another thread took the signal
        return r;
    }

    private static long sleepUntilSignal(GuestThread thread) {
        Object gate = new Object();
        synchronized (gate) {
            while (!thread.isInterrupted()) {
                try {
                    gate.wait(); // woken by the interrupt signalPending() or exit_group sends
                } catch (InterruptedException e) {
                    // the flags say why
                }
            }
        }
        return -Errno.EINTR;
    }

    /** rt_sigtimedwait(set, info, timeout, sigsetsize): takes a pending signal of the set. */
    static long sigtimedwait(SyscallContext call) {
        if (call.arg3() != Signals.SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        GuestMemory mem = call.memory();
        long set = mem.readLong(call.arg0()) & ~Signals.UNBLOCKABLE;
        long timeout = -1;
        if (call.arg2() != 0) {
            long sec = mem.readLong(call.arg2());
            long nsec = mem.readLong(call.arg2() + 8);
            if (sec < 0 || nsec < 0 || nsec >= NANOS_PER_SECOND) {
                return -Errno.EINVAL;
            }
            timeout = sec > Long.MAX_VALUE / NANOS_PER_SECOND - 1 ? Long.MAX_VALUE : sec * NANOS_PER_SECOND + nsec;
        }
        if (call.arg1() != 0 && !mem.isAccessible(call.arg1(), Signals.SIGINFO_SIZE, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        GuestThread thread = call.thread();
        SignalState state = Delivery.state(call.process());
        SignalState.ThreadSignals t = state.thread(thread.tid());
        long deadline = timeout < 0 ? 0 : System.nanoTime() + timeout;
        SigInfo info;
        synchronized (state) {
            while (true) {
                info = state.take(t, set);
                if (info != null) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (timeout >= 0 && left <= 0) {
                    return -Errno.EAGAIN;
                }
                if (thread.isInterrupted()) {
                    return -Errno.EINTR;
                }
                try {
                    if (timeout < 0) {
                        state.wait();
                    } else {
                        state.wait(left / 1_000_000, (int) (left % 1_000_000));
                    }
                } catch (InterruptedException e) {
                    // a signal outside the set or exit_group: checked on the next turn
                }
            }
        }
        if (call.arg1() != 0) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Signals.SIGINFO_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            info.writeTo(b, 0);
            mem.write(call.arg1(), b.array(), 0, Signals.SIGINFO_SIZE);
        }
        return info.signo();
    }

    /** restart_syscall: resumes the call the signal family restarted (Linux's restart block). */
    static long restartSyscall(SyscallContext call) {
        SyscallHandler resume = call.thread().restartBlock();
        call.thread().setRestartBlock(null);
        return resume == null ? -Errno.EINTR : resume.handle(call); // Linux: do_no_restart_syscall
    }

    static long sigreturn(SyscallContext call) {
        boolean[] bad = new boolean[1];
        long rax = Frames.sigreturn(call.thread(), bad);
        if (bad[0]) {
            call.process().killBySignal(SignalNumbers.SIGSEGV); // Linux: a bad frame is a forced SIGSEGV
            return -Errno.EFAULT;
        }
        Delivery.releaseUnblocked(call.thread());
        return rax;
    }
}
