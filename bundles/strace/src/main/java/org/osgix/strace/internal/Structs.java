package org.osgix.strace.internal;

import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;

/**
 * The structures strace decodes, in its abbreviated form ({@code {st_mode=S_IFREG|0644,
 * st_size=34839, ...}}). Layouts are x86_64's. An unreadable structure prints as its address.
 */
final class Structs {
    private Structs() {
    }

    /** A decoder of the structure at an address. */
    @FunctionalInterface
    interface Decoder {
        void append(StringBuilder out, GuestMemory memory, long addr);
    }

    /** Decodes the structure at {@code addr}, or prints NULL / the address when it cannot. */
    static void at(StringBuilder out, GuestMemory memory, long addr, Decoder decoder) {
        if (addr == 0) {
            out.append("NULL");
            return;
        }
        int start = out.length();
        try {
            decoder.append(out, memory, addr);
        } catch (GuestFault fault) {
            out.setLength(start);
            Scalars.pointer(out, addr);
        }
    }

    /** struct stat (144 bytes). */
    static void stat(StringBuilder out, GuestMemory m, long a) {
        long mode = m.readInt(a + 24) & 0xffffffffL;
        out.append("{st_mode=");
        Scalars.fileMode(out, mode);
        long type = mode & 0170000;
        if (type == 020000 || type == 060000) {
            out.append(", st_rdev=");
            device(out, m.readLong(a + 40));
        } else {
            out.append(", st_size=").append(m.readLong(a + 48));
        }
        out.append(", ...}");
    }

    /** glibc's device number encoding, as makedev(major, minor). */
    private static void device(StringBuilder out, long dev) {
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        out.append("makedev(0x").append(Long.toHexString(major)).append(", 0x").append(Long.toHexString(minor))
                .append(')');
    }

    /** struct statx (256 bytes). */
    static void statx(StringBuilder out, GuestMemory m, long a) {
        out.append("{stx_mask=");
        Tables.STATX_MASK.append(out, m.readInt(a) & 0xffffffffL);
        out.append(", stx_attributes=");
        Scalars.hex(out, m.readLong(a + 8));
        out.append(", stx_mode=");
        Scalars.fileMode(out, m.readInt(a + 28) & 0xffff);
        out.append(", stx_size=").append(m.readLong(a + 40)).append(", ...}");
    }

    static void timespec(StringBuilder out, GuestMemory m, long a) {
        out.append("{tv_sec=").append(m.readLong(a)).append(", tv_nsec=").append(m.readLong(a + 8)).append('}');
    }

    static void rlimit(StringBuilder out, GuestMemory m, long a) {
        out.append("{rlim_cur=");
        Scalars.rlimitValue(out, m.readLong(a));
        out.append(", rlim_max=");
        Scalars.rlimitValue(out, m.readLong(a + 8));
        out.append('}');
    }

    /** struct utsname: the first two fields, as strace does. */
    static void utsname(StringBuilder out, GuestMemory m, long a) {
        out.append("{sysname=");
        Buffers.cString(out, m, a, 64);
        out.append(", nodename=");
        Buffers.cString(out, m, a + 65, 64);
        out.append(", ...}");
    }

    static void sigset(StringBuilder out, GuestMemory m, long a) {
        Signals.appendSet(out, m.readLong(a));
    }

    /** struct kernel_sigaction: handler, flags, restorer, mask. */
    static void sigaction(StringBuilder out, GuestMemory m, long a) {
        long handler = m.readLong(a);
        long flags = m.readLong(a + 8);
        long restorer = m.readLong(a + 16);
        long mask = m.readLong(a + 24);
        out.append("{sa_handler=");
        if (handler == 0) {
            out.append("SIG_DFL");
        } else if (handler == 1) {
            out.append("SIG_IGN");
        } else {
            Scalars.pointer(out, handler);
        }
        out.append(", sa_mask=");
        Signals.appendSet(out, mask);
        out.append(", sa_flags=");
        Tables.SA_FLAGS.append(out, flags & 0xffffffffL);
        if ((flags & Tables.SA_RESTORER) != 0) {
            out.append(", sa_restorer=");
            Scalars.pointer(out, restorer);
        }
        out.append('}');
    }

    /** struct pollfd[count] with the events asked for. */
    static void pollRequests(StringBuilder out, GuestMemory m, long a, long count) {
        out.append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (i == Buffers.ARRAY_LIMIT) {
                out.append("...");
                break;
            }
            out.append("{fd=").append(m.readInt(a + 8L * i)).append(", events=");
            Tables.POLL_EVENTS.append(out, m.readByte(a + 8L * i + 4) & 0xff | (m.readByte(a + 8L * i + 5) & 0xff) << 8);
            out.append('}');
        }
        out.append(']');
    }

    /** The pollfds with non-zero revents, after poll: {@code [{fd=0, revents=POLLIN}]}. */
    static void pollResults(StringBuilder out, GuestMemory m, long a, long count) {
        out.append('[');
        boolean first = true;
        for (int i = 0; i < count && i < Buffers.ARRAY_LIMIT; i++) {
            int revents = m.readByte(a + 8L * i + 6) & 0xff | (m.readByte(a + 8L * i + 7) & 0xff) << 8;
            if (revents == 0) {
                continue;
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append("{fd=").append(m.readInt(a + 8L * i)).append(", revents=");
            Tables.POLL_EVENTS.append(out, revents);
            out.append('}');
        }
        out.append(']');
    }

    /** struct epoll_event (packed on x86_64: 4 bytes of events, 8 of data). */
    static void epollEvent(StringBuilder out, GuestMemory m, long a) {
        long data = m.readLong(a + 4);
        out.append("{events=");
        Tables.EPOLL_EVENTS.append(out, m.readInt(a) & 0xffffffffL);
        out.append(", data={u32=").append((int) data & 0xffffffffL).append(", u64=")
                .append(Long.toUnsignedString(data)).append("}}");
    }

    static void epollEvents(StringBuilder out, GuestMemory m, long a, long count) {
        out.append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (i == Buffers.ARRAY_LIMIT) {
                out.append("...");
                break;
            }
            epollEvent(out, m, a + 12L * i);
        }
        out.append(']');
    }

    /** struct clone_args (clone3). */
    static void cloneArgs(StringBuilder out, GuestMemory m, long a) {
        long flags = m.readLong(a);
        out.append("{flags=");
        Scalars.cloneFlags(out, flags);
        if ((flags & Tables.CLONE_PIDFD) != 0) {
            out.append(", pidfd=");
            Scalars.pointer(out, m.readLong(a + 8));
        }
        if ((flags & (Tables.CLONE_CHILD_SETTID | Tables.CLONE_CHILD_CLEARTID)) != 0) {
            out.append(", child_tid=");
            Scalars.pointer(out, m.readLong(a + 16));
        }
        if ((flags & Tables.CLONE_PARENT_SETTID) != 0) {
            out.append(", parent_tid=");
            Scalars.pointer(out, m.readLong(a + 24));
        }
        out.append(", exit_signal=");
        long signal = m.readLong(a + 32);
        if (signal == 0) {
            out.append('0');
        } else {
            Signals.appendName(out, signal);
        }
        out.append(", stack=");
        Scalars.pointer(out, m.readLong(a + 40));
        out.append(", stack_size=");
        Scalars.hex(out, m.readLong(a + 48));
        if ((flags & Tables.CLONE_SETTLS) != 0) {
            out.append(", tls=");
            Scalars.pointer(out, m.readLong(a + 56));
        }
        out.append('}');
    }
}
