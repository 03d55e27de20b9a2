package org.osgix.sys.files.internal;

import java.nio.charset.StandardCharsets;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;

/**
 * Guest paths as byte strings. Linux names are bytes, not text: the family keeps a path in a Java
 * string with one char per byte (ISO-8859-1), so a name that is not UTF-8 reaches the host, and
 * comes back, unchanged. Text from elsewhere (the program's path, the sysroot option) is UTF-8
 * and is converted with {@link #ofText}.
 */
final class GuestPaths {
    /** Linux PATH_MAX, including the NUL. */
    static final int PATH_MAX = 4096;

    private final NativeMemory hostMemory;

    GuestPaths(NativeMemory hostMemory) {
        this.hostMemory = hostMemory;
    }

    /**
     * Reads a NUL-terminated guest path of at most PATH_MAX - 1 bytes, page by page straight from
     * the guest's host memory; null means ENAMETOOLONG.
     *
     * @throws GuestFault when a byte before the NUL is not readable
     */
    String read(GuestMemory memory, long addr) {
        byte[] bytes = null;
        int length = 0;
        while (length < PATH_MAX) {
            long at = addr + length;
            int chunk = (int) Math.min(GuestMemory.PAGE_SIZE - (at & (GuestMemory.PAGE_SIZE - 1)), PATH_MAX - length);
            long h = memory.hostAddress(at, chunk, GuestMemory.PROT_READ);
            if (h < 0) {
                throw new GuestFault(at);
            }
            long nul = hostMemory.indexOfNul(h, chunk);
            int take = nul < 0 ? chunk : (int) nul;
            if (bytes == null) {
                if (nul >= 0) {
                    bytes = new byte[take];
                } else {
                    bytes = new byte[PATH_MAX];
                }
            }
            hostMemory.get(h, bytes, length, take);
            length += take;
            if (nul >= 0) {
                return length == PATH_MAX ? null : new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** The NUL-terminated bytes of a byte-string path, for the host. */
    static byte[] toHost(String path) {
        int length = path.length();
        byte[] bytes = new byte[length + 1];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) path.charAt(i);
        }
        return bytes;
    }

    /** The bytes of a byte-string path, without a NUL (for copying into guest memory). */
    static byte[] bytes(String path) {
        return path.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A byte string from host bytes. */
    static String of(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** The byte string of UTF-8 text (a program path, a launch option). */
    static String ofText(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
