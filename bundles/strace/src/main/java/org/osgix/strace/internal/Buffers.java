package org.osgix.strace.internal;

import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;

/** Strings, data buffers and arrays in guest memory, printed like strace ({@code -s 32}). */
final class Buffers {
    /** strace's default -s: longer strings and buffers are cut and followed by "...". */
    static final int STRING_LIMIT = 32;
    /** Paths are printed whole, up to PATH_MAX. */
    static final int PATH_MAX = 4096;
    /** Longer arrays print their first elements and "...". */
    static final int ARRAY_LIMIT = 32;

    private Buffers() {
    }

    /** A NUL-terminated string, whole up to {@code limit} bytes, else cut with "...". */
    static void cString(StringBuilder out, GuestMemory memory, long addr, int limit) {
        if (addr == 0) {
            out.append("NULL");
            return;
        }
        try {
            byte[] s = GuestBytes.cString(memory, addr, limit + 1);
            boolean cut = s.length > limit;
            Quoting.quote(out, s, Math.min(s.length, limit), cut, false);
        } catch (GuestFault fault) {
            Scalars.pointer(out, addr);
        }
    }

    /** {@code len} bytes of data, the first 32 shown. */
    static void data(StringBuilder out, GuestMemory memory, long addr, long len, boolean hex) {
        if (len < 0) {
            Scalars.pointer(out, addr);
            return;
        }
        int shown = (int) Math.min(len, STRING_LIMIT);
        try {
            byte[] bytes = GuestBytes.read(memory, addr, shown);
            Quoting.quote(out, bytes, shown, len > shown, hex);
        } catch (GuestFault fault) {
            Scalars.pointer(out, addr);
        }
    }

    /**
     * An iovec array of {@code count} entries; {@code total} bytes of data are shown across them
     * (all of each buffer for writev, what the call filled for readv).
     */
    static void iovecs(StringBuilder out, GuestMemory memory, long addr, long count, long total) {
        if (addr == 0 || count < 0) {
            Scalars.pointer(out, addr);
            return;
        }
        int start = out.length();
        try {
            out.append('[');
            long left = total;
            for (int i = 0; i < count; i++) {
                if (i == ARRAY_LIMIT) {
                    out.append(", ...");
                    break;
                }
                long base = memory.readLong(addr + 16L * i);
                long len = memory.readLong(addr + 16L * i + 8);
                if (i > 0) {
                    out.append(", ");
                }
                out.append("{iov_base=");
                data(out, memory, base, Math.min(len, Math.max(left, 0)), false);
                out.append(", iov_len=").append(Long.toUnsignedString(len)).append('}');
                left -= len;
            }
            out.append(']');
        } catch (GuestFault fault) {
            out.setLength(start);
            Scalars.pointer(out, addr);
        }
    }

    /** A NULL-terminated array of strings (execve's argv): {@code ["/bin/echo", "hi"]}. */
    static void stringArray(StringBuilder out, GuestMemory memory, long addr) {
        if (addr == 0) {
            out.append("NULL");
            return;
        }
        int start = out.length();
        try {
            out.append('[');
            for (int i = 0;; i++) {
                long s = memory.readLong(addr + 8L * i);
                if (s == 0) {
                    break;
                }
                if (i > 0) {
                    out.append(", ");
                }
                if (i == ARRAY_LIMIT) {
                    out.append("...");
                    break;
                }
                cString(out, memory, s, STRING_LIMIT);
            }
            out.append(']');
        } catch (GuestFault fault) {
            out.setLength(start);
            Scalars.pointer(out, addr);
        }
    }

    /** An environment array: its address and how many variables ({@code 0x7ffc... /* 39 vars *}{@code /}). */
    static void environment(StringBuilder out, GuestMemory memory, long addr) {
        Scalars.pointer(out, addr);
        if (addr == 0) {
            return;
        }
        try {
            int n = 0;
            while (memory.readLong(addr + 8L * n) != 0) {
                n++;
            }
            out.append(" /* ").append(n).append(n == 1 ? " var */" : " vars */");
        } catch (GuestFault fault) {
            // the address alone
        }
    }

    /** pipe's two descriptors: {@code [3, 4]}. */
    static void descriptorPair(StringBuilder out, GuestMemory memory, long addr) {
        try {
            int a = memory.readInt(addr);
            int b = memory.readInt(addr + 4);
            out.append('[').append(a).append(", ").append(b).append(']');
        } catch (GuestFault fault) {
            Scalars.pointer(out, addr);
        }
    }

    /** getdents64's buffer: its address and the number of records the call returned. */
    static void directoryEntries(StringBuilder out, GuestMemory memory, long addr, long bytes) {
        Scalars.pointer(out, addr);
        try {
            int entries = 0;
            for (long off = 0; off < bytes; entries++) {
                int reclen = memory.readByte(addr + off + 16) & 0xff | (memory.readByte(addr + off + 17) & 0xff) << 8;
                if (reclen == 0) {
                    break;
                }
                off += reclen;
            }
            out.append(" /* ").append(entries).append(entries == 1 ? " entry */" : " entries */");
        } catch (GuestFault fault) {
            // the address alone
        }
    }
}
