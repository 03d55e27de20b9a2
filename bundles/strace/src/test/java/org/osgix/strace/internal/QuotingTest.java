package org.osgix.strace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are strace 6.1's output for the same bytes on this machine. */
class QuotingTest {
    private static String quote(byte[] b, int len, boolean cut, boolean hex) {
        StringBuilder sb = new StringBuilder();
        Quoting.quote(sb, b, len, cut, hex);
        return sb.toString();
    }

    @Test
    void escapesLikeStrace() {
        byte[] b = {'a', 0, '1', 1, 'b', (byte) 0x80, (byte) 0xff, '\t', '"', '\\', 0, 0};
        assertEquals("\"a\\0001\\1b\\200\\377\\t\\\"\\\\\\0\\0\"", quote(b, b.length, false, false));
    }

    @Test
    void controlCharactersAreOctalExceptTheCEscapes() {
        byte[] b = {0x7f, 0x08, 0x1b, '[', '0', 'm', 0x07, 0x01, '7', '\n', 0x0b, '\f', '\r'};
        assertEquals("\"\\177\\10\\33[0m\\7\\0017\\n\\v\\f\\r\"", quote(b, b.length, false, false));
    }

    @Test
    void truncatedBufferGetsDots() {
        byte[] b = "0123456789".getBytes();
        assertEquals("\"0123\"...", quote(b, 4, true, false));
    }

    @Test
    void hexModeEscapesEveryByte() {
        byte[] b = {0x6a, (byte) 0xd3, 0x00};
        assertEquals("\"\\x6a\\xd3\\x00\"", quote(b, 3, false, true));
    }
}
