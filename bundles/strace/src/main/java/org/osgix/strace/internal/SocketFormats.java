package org.osgix.strace.internal;

import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;

/**
 * The socket calls' arguments as strace prints them: socket domains and types, addresses
 * ({@code {sa_family=AF_INET6, sin6_port=htons(80), ...}}), msghdr with its iovecs and control
 * messages (SCM_RIGHTS descriptors, SCM_CREDENTIALS), MSG_* flags and socket options.
 */
final class SocketFormats {
    static final ValueTable DOMAINS = ValueTable.of("AF_UNSPEC", 0, "AF_UNIX", 1, "AF_INET", 2, "AF_INET6", 10,
            "AF_NETLINK", 16, "AF_PACKET", 17);
    static final ValueTable TYPES = ValueTable.of("SOCK_STREAM", 1, "SOCK_DGRAM", 2, "SOCK_RAW", 3, "SOCK_RDM", 4,
            "SOCK_SEQPACKET", 5, "SOCK_PACKET", 10);
    static final FlagTable TYPE_FLAGS = FlagTable.of("0", "SOCK_CLOEXEC", 0x80000, "SOCK_NONBLOCK", 0x800);
    static final ValueTable INET_PROTOCOLS = ValueTable.of("IPPROTO_IP", 0, "IPPROTO_ICMP", 1, "IPPROTO_TCP", 6,
            "IPPROTO_UDP", 17, "IPPROTO_IPV6", 41, "IPPROTO_ICMPV6", 58, "IPPROTO_RAW", 255);
    static final ValueTable NETLINK_PROTOCOLS = ValueTable.of("NETLINK_ROUTE", 0, "NETLINK_AUDIT", 9,
            "NETLINK_KOBJECT_UEVENT", 15, "NETLINK_GENERIC", 16);
    static final FlagTable MSG_FLAGS = FlagTable.of("0", "MSG_OOB", 0x1, "MSG_PEEK", 0x2, "MSG_DONTROUTE", 0x4,
            "MSG_CTRUNC", 0x8, "MSG_PROXY", 0x10, "MSG_TRUNC", 0x20, "MSG_DONTWAIT", 0x40, "MSG_EOR", 0x80,
            "MSG_WAITALL", 0x100, "MSG_FIN", 0x200, "MSG_SYN", 0x400, "MSG_CONFIRM", 0x800, "MSG_RST", 0x1000,
            "MSG_ERRQUEUE", 0x2000, "MSG_NOSIGNAL", 0x4000, "MSG_MORE", 0x8000, "MSG_WAITFORONE", 0x10000,
            "MSG_BATCH", 0x40000, "MSG_ZEROCOPY", 0x4000000, "MSG_FASTOPEN", 0x20000000,
            "MSG_CMSG_CLOEXEC", 0x40000000);
    static final ValueTable SHUTDOWN = ValueTable.of("SHUT_RD", 0, "SHUT_WR", 1, "SHUT_RDWR", 2);
    static final ValueTable LEVELS = ValueTable.of("SOL_IP", 0, "SOL_SOCKET", 1, "SOL_TCP", 6, "SOL_UDP", 17,
            "SOL_IPV6", 41, "SOL_NETLINK", 270);
    static final ValueTable SOCKET_OPTIONS = ValueTable.of("SO_DEBUG", 1, "SO_REUSEADDR", 2, "SO_TYPE", 3,
            "SO_ERROR", 4, "SO_DONTROUTE", 5, "SO_BROADCAST", 6, "SO_SNDBUF", 7, "SO_RCVBUF", 8, "SO_KEEPALIVE", 9,
            "SO_OOBINLINE", 10, "SO_NO_CHECK", 11, "SO_PRIORITY", 12, "SO_LINGER", 13, "SO_BSDCOMPAT", 14,
            "SO_REUSEPORT", 15, "SO_PASSCRED", 16, "SO_PEERCRED", 17, "SO_RCVLOWAT", 18, "SO_SNDLOWAT", 19,
            "SO_RCVTIMEO_OLD", 20, "SO_SNDTIMEO_OLD", 21, "SO_BINDTODEVICE", 25, "SO_TIMESTAMP_OLD", 29,
            "SO_ACCEPTCONN", 30, "SO_PEERSEC", 31, "SO_SNDBUFFORCE", 32, "SO_RCVBUFFORCE", 33, "SO_PASSSEC", 34,
            "SO_MARK", 36, "SO_PROTOCOL", 38, "SO_DOMAIN", 39, "SO_RXQ_OVFL", 40, "SO_PEEK_OFF", 42,
            "SO_BUSY_POLL", 46, "SO_INCOMING_CPU", 49, "SO_RCVTIMEO_NEW", 66, "SO_SNDTIMEO_NEW", 67);
    static final ValueTable TCP_OPTIONS = ValueTable.of("TCP_NODELAY", 1, "TCP_MAXSEG", 2, "TCP_CORK", 3,
            "TCP_KEEPIDLE", 4, "TCP_KEEPINTVL", 5, "TCP_KEEPCNT", 6, "TCP_SYNCNT", 7, "TCP_LINGER2", 8,
            "TCP_DEFER_ACCEPT", 9, "TCP_WINDOW_CLAMP", 10, "TCP_INFO", 11, "TCP_QUICKACK", 12,
            "TCP_CONGESTION", 13, "TCP_USER_TIMEOUT", 18, "TCP_FASTOPEN", 23, "TCP_NOTSENT_LOWAT", 25);
    static final ValueTable IP_OPTIONS = ValueTable.of("IP_TOS", 1, "IP_TTL", 2, "IP_HDRINCL", 3,
            "IP_OPTIONS", 4, "IP_RECVERR", 11, "IP_MTU_DISCOVER", 10, "IP_MULTICAST_IF", 32,
            "IP_MULTICAST_TTL", 33, "IP_MULTICAST_LOOP", 34, "IP_ADD_MEMBERSHIP", 35, "IP_DROP_MEMBERSHIP", 36);
    static final ValueTable IPV6_OPTIONS = ValueTable.of("IPV6_UNICAST_HOPS", 16, "IPV6_MULTICAST_IF", 17,
            "IPV6_MULTICAST_HOPS", 18, "IPV6_MULTICAST_LOOP", 19, "IPV6_JOIN_GROUP", 20, "IPV6_LEAVE_GROUP", 21,
            "IPV6_V6ONLY", 26, "IPV6_RECVPKTINFO", 49, "IPV6_TCLASS", 67);
    static final ValueTable CMSG_TYPES = ValueTable.of("SCM_RIGHTS", 1, "SCM_CREDENTIALS", 2);

    private static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;

    private SocketFormats() {
    }

    /** socket's type argument: {@code SOCK_STREAM|SOCK_CLOEXEC}. */
    static void type(StringBuilder out, long value) {
        TYPES.append(out, value & 0xf);
        long flags = value & ~0xfL & 0xffffffffL;
        if (flags != 0) {
            out.append('|');
            TYPE_FLAGS.append(out, flags);
        }
    }

    /** socket's protocol, named for the domain in argument 0. */
    static void protocol(StringBuilder out, long domain, long value) {
        if (domain == AF_INET || domain == AF_INET6) {
            INET_PROTOCOLS.append(out, value);
        } else if (domain == AF_NETLINK) {
            NETLINK_PROTOCOLS.append(out, value);
        } else {
            out.append((int) value);
        }
    }

    /** A socket option's name, by its level. */
    static void option(StringBuilder out, long level, long name) {
        switch ((int) level) {
            case 1 -> SOCKET_OPTIONS.append(out, name);
            case 6 -> TCP_OPTIONS.append(out, name);
            case 0 -> IP_OPTIONS.append(out, name);
            case 41 -> IPV6_OPTIONS.append(out, name);
            default -> out.append((int) name);
        }
    }

    /** An option value of {@code len} bytes: {@code [1]} for an int, else the bytes. */
    static void optionValue(StringBuilder out, GuestMemory memory, long addr, long len) {
        if (len == 4) {
            Structs.at(out, memory, addr, (o, m, a) -> o.append('[').append(m.readInt(a)).append(']'));
        } else {
            Buffers.data(out, memory, addr, len, true);
        }
    }

    /** A socklen_t the call reads or fills: {@code [16]}. */
    static void length(StringBuilder out, GuestMemory memory, long addr) {
        Structs.at(out, memory, addr, (o, m, a) -> o.append('[').append(m.readInt(a)).append(']'));
    }

    /** A socket address of {@code len} bytes (at most 128 read). */
    static void address(StringBuilder out, GuestMemory memory, long addr, long len) {
        if (addr == 0) {
            out.append("NULL");
            return;
        }
        if (len < 2 || len > 128) {
            Scalars.pointer(out, addr);
            return;
        }
        Structs.at(out, memory, addr, (o, m, a) -> decodeAddress(o, m, a, (int) len));
    }

    /** An address a call filled in, its length at {@code lenPtr}. */
    static void filledAddress(StringBuilder out, GuestMemory memory, long addr, long lenPtr) {
        if (addr == 0 || lenPtr == 0) {
            out.append(addr == 0 ? "NULL" : "");
            if (addr != 0) {
                Scalars.pointer(out, addr);
            }
            return;
        }
        try {
            address(out, memory, addr, Math.min(memory.readInt(lenPtr) & 0xffffffffL, 128));
        } catch (GuestFault fault) {
            Scalars.pointer(out, addr);
        }
    }

    private static void decodeAddress(StringBuilder out, GuestMemory m, long a, int len) {
        int family = m.readByte(a) & 0xff | (m.readByte(a + 1) & 0xff) << 8;
        out.append("{sa_family=");
        DOMAINS.append(out, family);
        if (family == AF_UNIX && len > 2) {
            byte[] path = GuestBytes.read(m, a + 2, len - 2);
            boolean abstractName = path[0] == 0;
            int end = abstractName ? path.length : 0;
            while (!abstractName && end < path.length && path[end] != 0) {
                end++;
            }
            out.append(", sun_path=");
            if (abstractName) {
                out.append('@');
                byte[] name = java.util.Arrays.copyOfRange(path, 1, path.length);
                Quoting.quote(out, name, name.length, false, false);
            } else {
                byte[] name = java.util.Arrays.copyOf(path, end);
                Quoting.quote(out, name, name.length, false, false);
            }
        } else if (family == AF_INET && len >= 16) {
            out.append(", sin_port=htons(").append(port(m, a)).append("), sin_addr=inet_addr(\"")
                .append(m.readByte(a + 4) & 0xff).append('.').append(m.readByte(a + 5) & 0xff).append('.')
                .append(m.readByte(a + 6) & 0xff).append('.').append(m.readByte(a + 7) & 0xff).append("\")");
        } else if (family == AF_INET6 && len >= 24) {
            byte[] raw = GuestBytes.read(m, a + 8, 16);
            String text;
            try {
                text = java.net.InetAddress.getByAddress(raw).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                text = "?";
            }
            out.append(", sin6_port=htons(").append(port(m, a)).append("), sin6_flowinfo=htonl(")
                .append(Integer.reverseBytes(m.readInt(a + 4)) & 0xffffffffL).append("), inet_pton(AF_INET6, \"")
                .append(compress(text)).append("\", &sin6_addr)");
            if (len >= 28) {
                out.append(", sin6_scope_id=").append(m.readInt(a + 24) & 0xffffffffL);
            }
        } else if (family == AF_NETLINK && len >= 12) {
            out.append(", nl_pid=").append(m.readInt(a + 4)).append(", nl_groups=");
            Scalars.hex(out, m.readInt(a + 8) & 0xffffffffL);
        } else if (len > 2) {
            out.append(", sa_data=");
            Quoting.quote(out, GuestBytes.read(m, a + 2, len - 2), len - 2, false, false);
        }
        out.append('}');
    }

    private static int port(GuestMemory m, long a) {
        return (m.readByte(a + 2) & 0xff) << 8 | m.readByte(a + 3) & 0xff;
    }

    /** Java's "0:0:0:0:0:0:0:1" as inet_ntop's "::1". */
    private static String compress(String full) {
        String s = full.replaceAll("(^|:)0+([0-9a-f])", "$1$2");
        String best = null;
        java.util.regex.Matcher runs = java.util.regex.Pattern.compile("(?:^|:)(0(?::0)+)(?::|$)").matcher(s);
        while (runs.find()) {
            if (best == null || runs.group().length() > best.length()) {
                best = runs.group();
            }
        }
        return best == null ? s : s.replaceFirst(java.util.regex.Pattern.quote(best), "::");
    }

    /** struct msghdr; {@code total} bytes of data are shown across its iovecs (-1: all). */
    static void message(StringBuilder out, GuestMemory memory, long addr, long total) {
        Structs.at(out, memory, addr, (o, m, a) -> {
            long name = m.readLong(a);
            int nameLen = m.readInt(a + 8);
            long iov = m.readLong(a + 16);
            long iovLen = m.readLong(a + 24);
            long control = m.readLong(a + 32);
            long controlLen = m.readLong(a + 40);
            o.append("{msg_name=");
            if (name == 0) {
                o.append("NULL");
            } else {
                address(o, m, name, nameLen);
            }
            o.append(", msg_namelen=").append(nameLen).append(", msg_iov=");
            Buffers.iovecs(o, m, iov, iovLen, total < 0 ? Long.MAX_VALUE : total);
            o.append(", msg_iovlen=").append(iovLen);
            if (controlLen > 0) {
                o.append(", msg_control=");
                controls(o, m, control, controlLen);
            }
            o.append(", msg_controllen=").append(controlLen).append(", msg_flags=");
            MSG_FLAGS.append(o, m.readInt(a + 48) & 0xffffffffL);
            o.append('}');
        });
    }

    /** The control messages: {@code [{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}]}. */
    private static void controls(StringBuilder out, GuestMemory m, long addr, long len) {
        out.append('[');
        long end = addr + len;
        int count = 0;
        for (long c = addr; c + 16 <= end; count++) {
            long cmsgLen = m.readLong(c);
            if (cmsgLen < 16 || c + cmsgLen > end || count == Buffers.ARRAY_LIMIT) {
                break;
            }
            int level = m.readInt(c + 8);
            int type = m.readInt(c + 12);
            if (count > 0) {
                out.append(", ");
            }
            out.append("{cmsg_len=").append(cmsgLen).append(", cmsg_level=");
            LEVELS.append(out, level);
            out.append(", cmsg_type=");
            if (level == 1) {
                CMSG_TYPES.append(out, type);
            } else {
                out.append(type);
            }
            if (level == 1 && type == 1) {
                out.append(", cmsg_data=[");
                for (long i = 0; i < (cmsgLen - 16) / 4; i++) {
                    out.append(i > 0 ? ", " : "").append(m.readInt(c + 16 + 4 * i));
                }
                out.append(']');
            } else if (level == 1 && type == 2 && cmsgLen >= 28) {
                out.append(", cmsg_data={pid=").append(m.readInt(c + 16)).append(", uid=").append(m.readInt(c + 20))
                    .append(", gid=").append(m.readInt(c + 24)).append('}');
            }
            out.append('}');
            c += (cmsgLen + 7) & ~7L;
        }
        out.append(']');
    }
}
