package org.osgix.host.posix.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Java strings as NUL-terminated UTF-8 for libc path arguments. */
final class CStrings {
    private CStrings() {
    }

    /**
     * The UTF-8 bytes of {@code s} followed by a NUL. An all-ASCII string (almost every path)
     * costs exactly one array allocation.
     */
    static byte[] nulTerminated(String s) {
        int length = s.length();
        byte[] bytes = new byte[length + 1];
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return nulTerminatedUtf8(s);
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    private static byte[] nulTerminatedUtf8(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, utf8.length + 1);
    }
}
