package org.osgix.sys.signal.internal;

/**
 * A siginfo_t reduced to what osgix fills: signo, errno, code, and the union's first two
 * 8-byte words (kill: pid and uid; timers: id, overrun and value; faults: the address).
 */
record SigInfo(int signo, int errno, int code, long word0, long word1) {
    static SigInfo user(int sig, int code, int pid, int uid) {
        return new SigInfo(sig, 0, code, ids(pid, uid), 0);
    }

    static SigInfo kernel(int sig) {
        return new SigInfo(sig, 0, Signals.SI_KERNEL, 0, 0);
    }

    static SigInfo fault(int sig, int code, long addr) {
        return new SigInfo(sig, 0, code, addr, 0);
    }

    static long ids(int a, int b) {
        return (a & 0xffffffffL) | ((long) b << 32);
    }

    /** Writes the 128-byte record at {@code off} of {@code buf} (little endian). */
    void writeTo(java.nio.ByteBuffer buf, int off) {
        for (int i = 0; i < Signals.SIGINFO_SIZE; i += 8) {
            buf.putLong(off + i, 0);
        }
        buf.putInt(off, signo);
        buf.putInt(off + 4, errno);
        buf.putInt(off + 8, code);
        buf.putLong(off + 16, word0);
        buf.putLong(off + 24, word1);
    }
}
