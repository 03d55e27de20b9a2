package org.osgix.kernel.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;

/**
 * The records a runtime sends the child runtime it started, over an AF_UNIX SOCK_SEQPACKET
 * socket: host fds in records of their own (SCM_RIGHTS, at most {@link #FDS_PER_RECORD} each),
 * then the payload in records of at most {@link #DATA_PER_RECORD} bytes, the last one marked.
 * Received fds are close-on-exec in the receiver.
 */
final class ChildChannel {
    static final int AF_UNIX = 1, SOCK_SEQPACKET = 5, SOCK_CLOEXEC = 02000000;
    private static final int FDS_PER_RECORD = 250, DATA_PER_RECORD = 60 * 1024;
    private static final byte FDS = 'F', DATA = 'D', END = 'E';
    private static final int SOL_SOCKET = 1, SCM_RIGHTS = 1, MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int MSGHDR = 56, CMSG_HEADER = 16, EINTR = 4;

    /** What arrived: the payload and the fds in the order they were sent. */
    record Received(byte[] payload, int[] fds) {
    }

    private ChildChannel() {
    }

    /** Sends {@code fds} and {@code payload}; returns 0 or -errno (the receiver is gone). */
    static int send(Host host, int socket, byte[] payload, int[] fds) {
        NativeMemory mem = host.memory();
        int control = CMSG_HEADER + FDS_PER_RECORD * 4 + 8;
        long buf = mem.allocate(MSGHDR + 16 + control + DATA_PER_RECORD + 1);
        try {
            for (int at = 0; at < fds.length; at += FDS_PER_RECORD) {
                int n = Math.min(FDS_PER_RECORD, fds.length - at);
                int r = record(host, socket, buf, FDS, payload, 0, 0, Arrays.copyOfRange(fds, at, at + n));
                if (r < 0) {
                    return r;
                }
            }
            int at = 0;
            do {
                int n = Math.min(DATA_PER_RECORD, payload.length - at);
                int r = record(host, socket, buf, at + n == payload.length ? END : DATA, payload, at, n, null);
                if (r < 0) {
                    return r;
                }
                at += n;
            } while (at < payload.length);
            return 0;
        } finally {
            mem.free(buf);
        }
    }

    private static int record(Host host, int socket, long buf, byte type, byte[] data, int off, int len, int[] fds) {
        NativeMemory mem = host.memory();
        long msg = buf, iov = buf + MSGHDR, control = iov + 16;
        int controlLen = fds == null ? 0 : CMSG_HEADER + ((fds.length * 4 + 7) & ~7);
        long bytes = control + CMSG_HEADER + FDS_PER_RECORD * 4 + 8;
        mem.putByte(bytes, type);
        mem.put(bytes + 1, data, off, len);
        mem.fill(msg, MSGHDR, (byte) 0);
        mem.putLong(iov, bytes);
        mem.putLong(iov + 8, len + 1);
        mem.putLong(msg + 16, iov);
        mem.putLong(msg + 24, 1);
        if (fds != null) {
            mem.putLong(control, CMSG_HEADER + fds.length * 4L);
            mem.putInt(control + 8, SOL_SOCKET);
            mem.putInt(control + 12, SCM_RIGHTS);
            for (int i = 0; i < fds.length; i++) {
                mem.putInt(control + CMSG_HEADER + 4L * i, fds[i]);
            }
            mem.putLong(msg + 32, control);
            mem.putLong(msg + 40, controlLen);
        }
        long r;
        do {
            r = host.sendmsg(socket, msg, 0);
        } while (r == -EINTR);
        return (int) Math.min(0, r);
    }

    /** Receives one message; null when the sender closed the socket before its end. */
    static Received receive(Host host, int socket) {
        NativeMemory mem = host.memory();
        int controlSize = CMSG_HEADER + FDS_PER_RECORD * 4 + 8;
        long buf = mem.allocate(MSGHDR + 16 + controlSize + DATA_PER_RECORD + 1);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int[] fds = new int[0];
        try {
            long msg = buf, iov = buf + MSGHDR, control = iov + 16, bytes = control + controlSize;
            byte[] chunk = new byte[DATA_PER_RECORD + 1];
            while (true) {
                mem.fill(msg, MSGHDR, (byte) 0);
                mem.putLong(iov, bytes);
                mem.putLong(iov + 8, DATA_PER_RECORD + 1);
                mem.putLong(msg + 16, iov);
                mem.putLong(msg + 24, 1);
                mem.putLong(msg + 32, control);
                mem.putLong(msg + 40, controlSize);
                long n = host.recvmsg(socket, msg, MSG_CMSG_CLOEXEC);
                if (n == -EINTR) {
                    continue;
                }
                if (n <= 0) {
                    Arrays.stream(fds).forEach(host::close);
                    return null;
                }
                long controlLen = mem.getLong(msg + 40);
                if (controlLen >= CMSG_HEADER && mem.getInt(control + 12) == SCM_RIGHTS) {
                    int count = (int) ((mem.getLong(control) - CMSG_HEADER) / 4);
                    int base = fds.length;
                    fds = Arrays.copyOf(fds, base + count);
                    for (int i = 0; i < count; i++) {
                        fds[base + i] = mem.getInt(control + CMSG_HEADER + 4L * i);
                    }
                }
                mem.get(bytes, chunk, 0, (int) n);
                if (chunk[0] != FDS) {
                    payload.write(chunk, 1, (int) n - 1);
                }
                if (chunk[0] == END) {
                    return new Received(payload.toByteArray(), fds);
                }
            }
        } finally {
            mem.free(buf);
        }
    }
}
