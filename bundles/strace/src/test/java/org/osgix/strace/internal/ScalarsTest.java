package org.osgix.strace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Flag and value decoding; the expected strings are strace 6.1's for the same values. */
class ScalarsTest {
    private static String print(BiConsumer<StringBuilder, Long> f, long v) {
        StringBuilder sb = new StringBuilder();
        f.accept(sb, v);
        return sb.toString();
    }

    @Test
    void openFlagsStartWithTheAccessMode() {
        assertEquals("O_RDONLY|O_CLOEXEC", print(Scalars::openFlags, 02000000));
        assertEquals("O_WRONLY|O_CREAT|O_TRUNC|O_APPEND", print(Scalars::openFlags, 01 | 0100 | 01000 | 02000));
        assertEquals("O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY", print(Scalars::openFlags, 04000 | 02000000 | 0200000));
    }

    @Test
    void multiBitFlagsWinOverTheirParts() {
        assertEquals("O_RDONLY|O_DSYNC|O_DIRECT|O_PATH|O_DIRECTORY|FASYNC",
                print(Scalars::openFlags, 0200000 | 010000000 | 020000 | 010000 | 040000));
        assertEquals("O_RDWR|__O_TMPFILE", print(Scalars::openFlags, 2 | 020000000));
        assertEquals("O_RDONLY|O_SYNC", print(Scalars::openFlags, 04010000));
    }

    @Test
    void unknownBitsAreHexAtTheEnd() {
        assertEquals("O_RDONLY|O_CREAT|0x3c", print(Scalars::openFlags, 0100 | 0x3c));
    }

    @Test
    void mmapFlagsAndProtection() {
        assertEquals("MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE", print(Scalars::mapFlags, 0x2 | 0x10 | 0x800));
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK", print(Scalars::mapFlags, 0x2 | 0x20 | 0x20000));
        assertEquals("MAP_FILE", print(Scalars::mapFlags, 0));
        assertEquals("PROT_READ|PROT_EXEC", print((sb, v) -> Tables.PROT.append(sb, v), 5L));
        assertEquals("PROT_NONE", print((sb, v) -> Tables.PROT.append(sb, v), 0L));
    }

    @Test
    void cloneFlagsEndWithTheExitSignal() {
        assertEquals("CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
                print(Scalars::cloneFlags, 0x200000 | 0x1000000 | 17));
        assertEquals("SIGCHLD", print(Scalars::cloneFlags, 17));
    }

    @Test
    void modesAreOctalWithAtLeastThreeDigits() {
        assertEquals("0640", print(Scalars::mode, 0640));
        assertEquals("022", print(Scalars::mode, 022));
        assertEquals("000", print(Scalars::mode, 0));
        assertEquals("S_IFREG|S_ISUID|0755", print(Scalars::fileMode, 0104755));
        assertEquals("S_IFCHR|0666", print(Scalars::fileMode, 020666));
    }

    @Test
    void statxFlagsAlwaysNameTheSyncType() {
        assertEquals("AT_STATX_SYNC_AS_STAT", print(Scalars::statxFlags, 0));
        assertEquals("AT_STATX_SYNC_AS_STAT|AT_NO_AUTOMOUNT", print(Scalars::statxFlags, 0x800));
    }

    @Test
    void resourceLimits() {
        assertEquals("8192*1024", print(Scalars::rlimitValue, 8L << 20));
        assertEquals("RLIM64_INFINITY", print(Scalars::rlimitValue, -1));
        assertEquals("1000", print(Scalars::rlimitValue, 1000));
    }

    @Test
    void ioctlRequestsByNameOrIoc() {
        assertEquals("TCGETS", print(Scalars::ioctlRequest, 0x5401));
        assertEquals("_IOC(_IOC_NONE, 0x56, 0x78, 0x1234)", print(Scalars::ioctlRequest, 0x12345678));
    }

    @Test
    void signalSetsUseTheComplementWhenMostAreSet() {
        assertEquals("[INT TERM]", print(Signals::appendSet, (1L << 1) | (1L << 14)));
        assertEquals("~[KILL RTMIN RT_1]", print(Signals::appendSet, ~((1L << 8) | (1L << 31) | (1L << 32))));
        assertEquals("[]", print(Signals::appendSet, 0));
        assertEquals("~[]", print(Signals::appendSet, -1));
    }

    @Test
    void enumerationsWithAnUnknownMarker() {
        assertEquals("SIG_SETMASK", print((sb, v) -> Tables.SIGPROCMASK_HOW.append(sb, v), 2L));
        assertEquals("0x3 /* SIG_??? */", print((sb, v) -> Tables.SIGPROCMASK_HOW.append(sb, v), 3L));
        assertEquals("SIGRT_1", print(Signals::appendName, 33));
    }
}
