package org.osgix.poll.kqueue.internal;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;

/**
 * The host's own kqueue (FreeBSD, OpenBSD, macOS). Change and event lists are copied between
 * {@link KeventList} and the host's {@code struct kevent}: ident (8), filter (2), flags (2),
 * fflags (4), data (8), udata (8), followed on FreeBSD 12+ by {@code ext[4]} (64 bytes in all).
 * The host's errnos are translated to Linux's. The kernel drops a closed ident's knotes itself.
 */
final class NativeKqueuePort implements KqueuePort {
    private static final int OFF_FILTER = 8, OFF_FLAGS = 10, OFF_FFLAGS = 12, OFF_DATA = 16, OFF_UDATA = 24;
    /** BSD errnos 1..34 (EPERM..ERANGE) equal Linux's; EAGAIN is 35 there. */
    private static final int BSD_EAGAIN = 35, LAST_SHARED_ERRNO = 34;

    private final Host host;
    private final NativeMemory memory;
    private final int structSize;

    NativeKqueuePort(Host host) {
        this.host = host;
        this.memory = host.memory();
        this.structSize = Platform.isFreeBSD() ? 64 : 32;
    }

    /** True on hosts whose libc has kqueue with a layout this port knows. */
    static boolean supported() {
        return Platform.isMac() || Platform.isFreeBSD() || Platform.isOpenBSD();
    }

    @Override
    public int kqueue() {
        int kq = BsdKqueueLibrary.kqueue();
        return kq >= 0 ? kq : -linuxErrno(Native.getLastError());
    }

    @Override
    public int kevent(int kq, KeventList changes, int nchanges, KeventList events, int nevents, long timeoutNanos) {
        if (nchanges < 0 || nevents < 0) {
            return -Errno.EINVAL;
        }
        long changeBuf = nchanges == 0 ? 0 : memory.allocate((long) nchanges * structSize);
        long eventBuf = nevents == 0 ? 0 : memory.allocate((long) nevents * structSize);
        long timespec = timeoutNanos < 0 ? 0 : memory.allocate(16);
        try {
            for (int i = 0; i < nchanges; i++) {
                long at = changeBuf + (long) i * structSize;
                memory.putLong(at, changes.ident[i]);
                memory.putInt(at + OFF_FILTER, (changes.filter[i] & 0xffff) | (changes.flags[i] << 16));
                memory.putInt(at + OFF_FFLAGS, changes.fflags[i]);
                memory.putLong(at + OFF_DATA, changes.data[i]);
                memory.putLong(at + OFF_UDATA, changes.udata[i]);
            }
            if (timespec != 0) {
                memory.putLong(timespec, timeoutNanos / 1_000_000_000L);
                memory.putLong(timespec + 8, timeoutNanos % 1_000_000_000L);
            }
            int n = BsdKqueueLibrary.kevent(kq, changeBuf, nchanges, eventBuf, nevents, timespec);
            if (n < 0) {
                return -linuxErrno(Native.getLastError());
            }
            if (n > 0) {
                events.ensureCapacity(n);
            }
            for (int i = 0; i < n; i++) {
                long at = eventBuf + (long) i * structSize;
                int filterAndFlags = memory.getInt(at + OFF_FILTER);
                int flags = filterAndFlags >>> 16;
                long data = memory.getLong(at + OFF_DATA);
                if ((flags & Kevents.EV_ERROR) != 0) {
                    data = linuxErrno((int) data);
                }
                events.set(i, memory.getLong(at), (short) filterAndFlags, flags,
                    memory.getInt(at + OFF_FFLAGS), data, memory.getLong(at + OFF_UDATA));
            }
            return n;
        } finally {
            free(changeBuf);
            free(eventBuf);
            free(timespec);
        }
    }

    private void free(long addr) {
        if (addr != 0) {
            memory.free(addr);
        }
    }

    static int linuxErrno(int bsdErrno) {
        if (bsdErrno == 0 || (bsdErrno >= 1 && bsdErrno <= LAST_SHARED_ERRNO)) {
            return bsdErrno;
        }
        return bsdErrno == BSD_EAGAIN ? Errno.EAGAIN : Errno.EINVAL;
    }

    @Override
    public int close(int kq) {
        return host.close(kq);
    }

    @Override
    public void close() {
        // nothing attached: the host kernel keeps the knotes
    }
}
