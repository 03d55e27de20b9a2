package org.osgix.sys.signal.internal;

import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SignalNumbers;

/**
 * The 128-byte {@code struct signalfd_siginfo} a signalfd read returns: which siginfo fields it
 * carries depends on the layout Linux's siginfo_layout() picks from the signal and si_code.
 */
final class SignalFdInfo {
    static final int SIZE = 128;
    private static final int SSI_ERRNO = 4, SSI_CODE = 8, SSI_PID = 12, SSI_UID = 16, SSI_FD = 20, SSI_TID = 24,
            SSI_BAND = 28, SSI_OVERRUN = 32, SSI_INT = 44, SSI_PTR = 48, SSI_ADDR = 72, SSI_SYSCALL = 84,
            SSI_CALL_ADDR = 88, SSI_ARCH = 96;
    private static final int SI_SIGIO = -5, NSIGPOLL = 6;

    /** siginfo layouts (the kernel's enum siginfo_layout, reduced to what the record tells apart). */
    private enum Layout { KILL, TIMER, POLL, FAULT, CHLD, RT, SYS }

    private SignalFdInfo() {
    }

    /** Writes {@code info} as a record at guest address {@code addr} (checked writable by the caller). */
    static void write(GuestMemory mem, long addr, SigInfo info) {
        mem.fill(addr, SIZE, (byte) 0);
        mem.writeInt(addr, info.signo());
        mem.writeInt(addr + SSI_ERRNO, info.errno());
        mem.writeInt(addr + SSI_CODE, info.code());
        int low0 = (int) info.word0();
        int high0 = (int) (info.word0() >>> 32);
        switch (layout(info.signo(), info.code())) {
            case KILL, CHLD -> { // CHLD's status and times are not kept (no child processes yet)
                mem.writeInt(addr + SSI_PID, low0);
                mem.writeInt(addr + SSI_UID, high0);
            }
            case TIMER -> {
                mem.writeInt(addr + SSI_TID, low0);
                mem.writeInt(addr + SSI_OVERRUN, high0);
                mem.writeLong(addr + SSI_PTR, info.word1());
                mem.writeInt(addr + SSI_INT, (int) info.word1());
            }
            case RT -> {
                mem.writeInt(addr + SSI_PID, low0);
                mem.writeInt(addr + SSI_UID, high0);
                mem.writeLong(addr + SSI_PTR, info.word1());
                mem.writeInt(addr + SSI_INT, (int) info.word1());
            }
            case POLL -> {
                mem.writeInt(addr + SSI_BAND, low0); // si_band is a long; the record keeps 32 bits
                mem.writeInt(addr + SSI_FD, (int) info.word1());
            }
            case FAULT -> mem.writeLong(addr + SSI_ADDR, info.word0());
            case SYS -> {
                mem.writeLong(addr + SSI_CALL_ADDR, info.word0());
                mem.writeInt(addr + SSI_SYSCALL, (int) info.word1());
                mem.writeInt(addr + SSI_ARCH, (int) (info.word1() >>> 32));
            }
            default -> throw new AssertionError();
        }
    }

    /** Linux's siginfo_layout(): kernel-generated codes by signal, user codes by sign. */
    private static Layout layout(int sig, int code) {
        if (code > Signals.SI_USER && code < Signals.SI_KERNEL) {
            int limit = switch (sig) {
                case SignalNumbers.SIGILL -> 11;
                case SignalNumbers.SIGFPE -> 15;
                case SignalNumbers.SIGSEGV -> 10;
                case SignalNumbers.SIGBUS -> 5;
                case SignalNumbers.SIGTRAP -> 6;
                case SignalNumbers.SIGCHLD, SignalNumbers.SIGPOLL -> 6;
                case SignalNumbers.SIGSYS -> 2;
                default -> 0;
            };
            if (code <= limit) {
                return switch (sig) {
                    case SignalNumbers.SIGCHLD -> Layout.CHLD;
                    case SignalNumbers.SIGPOLL -> Layout.POLL;
                    case SignalNumbers.SIGSYS -> Layout.SYS;
                    default -> Layout.FAULT;
                };
            }
            return code <= NSIGPOLL ? Layout.POLL : Layout.KILL;
        }
        if (code == Signals.SI_TIMER) {
            return Layout.TIMER;
        }
        if (code == SI_SIGIO) {
            return Layout.POLL;
        }
        return code < 0 ? Layout.RT : Layout.KILL;
    }
}
