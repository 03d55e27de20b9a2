package org.osgix.strace.internal;

/**
 * strace's way of printing bytes: in double quotes, printable ASCII as is, {@code \t \n \v \f \r}
 * and the quote and backslash escaped, any other byte in octal (three digits only when an octal
 * digit follows, so the escape stays unambiguous), or every byte in hex for binary data.
 */
final class Quoting {
    private Quoting() {
    }

    /** Appends {@code bytes[0..len)} quoted; {@code "..."} follows when {@code truncated}. */
    static void quote(StringBuilder out, byte[] bytes, int len, boolean truncated, boolean hex) {
        out.append('"');
        for (int i = 0; i < len; i++) {
            int c = bytes[i] & 0xff;
            if (hex) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case 0x0b -> out.append("\\v");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append((char) c);
                    } else {
                        boolean digitFollows = i + 1 < len && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
                        octal(out, c, digitFollows);
                    }
                }
            }
        }
        out.append('"');
        if (truncated) {
            out.append("...");
        }
    }

    private static void octal(StringBuilder out, int c, boolean fullWidth) {
        out.append('\\');
        if (fullWidth || c >= 0100) {
            out.append((char) ('0' + (c >> 6)));
        }
        if (fullWidth || c >= 010) {
            out.append((char) ('0' + ((c >> 3) & 7)));
        }
        out.append((char) ('0' + (c & 7)));
    }
}
