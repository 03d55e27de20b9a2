package org.osgix.sys.signal.internal;

/** Linux signal numbers (x86_64) and their default actions. */
final class Signals {
    static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
            SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
            SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20,
            SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGWINCH = 28;
    static final int MAX = 64;
    /** The kernel's sigset_t size on x86_64. */
    static final int SIGSET_SIZE = 8;
    static final long SIG_DFL = 0, SIG_IGN = 1;

    /** What happens when a signal with the default disposition arrives. */
    enum DefaultAction { TERMINATE, IGNORE, STOP, CONTINUE }

    private Signals() {
    }

    static boolean valid(int sig) {
        return sig >= 1 && sig <= MAX;
    }

    /** SIGKILL and SIGSTOP can be neither caught, blocked nor ignored. */
    static boolean unblockable(int sig) {
        return sig == SIGKILL || sig == SIGSTOP;
    }

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    static DefaultAction defaultAction(int sig) {
        return switch (sig) {
            case SIGCHLD, SIGURG, SIGWINCH -> DefaultAction.IGNORE;
            case SIGCONT -> DefaultAction.CONTINUE;
            case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> DefaultAction.STOP;
            default -> DefaultAction.TERMINATE; // including core-dumping ones and real-time signals
        };
    }
}
